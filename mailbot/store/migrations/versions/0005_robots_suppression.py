"""suppression list (addresses that bounced permanently) and the robot report of each message

Revision ID: 0005_robots
Revises: 0004_ops
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

STRING = sqlmodel.sql.sqltypes.AutoString
MOMENT = sqlmodel.sql.sqltypes.UTCDateTime

revision = "0005_robots"
down_revision = "0004_ops"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suppression",
        sa.Column("address", STRING(), primary_key=True),
        sa.Column("bounced_at", MOMENT(), nullable=False),
        sa.Column("status", STRING(), nullable=False, server_default=""),
        sa.Column("diagnostic", STRING(), nullable=False, server_default=""),
        sa.Column("message_pk", sa.Integer(), nullable=True),
        sa.Column("outbox_pk", sa.Integer(), nullable=True),
        sa.Column("removed_at", MOMENT(), nullable=True),
        sa.Column("removed_note", STRING(), nullable=True),
    )
    op.create_index("ix_suppression_message_pk", "suppression", ["message_pk"])
    with op.batch_alter_table("message") as batch:
        batch.add_column(sa.Column("bounce", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.drop_column("bounce")
    op.drop_index("ix_suppression_message_pk", table_name="suppression")
    op.drop_table("suppression")
