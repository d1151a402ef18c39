"""in_hand: the messages a worker holds, so a crash is counted against them (poison messages)

Revision ID: 0009_loop
Revises: 0008_web2
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

STRING = sqlmodel.sql.sqltypes.AutoString
MOMENT = sqlmodel.sql.sqltypes.UTCDateTime

revision = "0009_loop"
down_revision = "0008_web2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "in_hand",
        sa.Column("source_key", STRING(), primary_key=True),
        sa.Column("message_id", STRING(), nullable=True),
        sa.Column("run", STRING(), nullable=True),
        sa.Column("unclean_ends", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("updated_at", MOMENT(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("in_hand")
