"""a person's decision may set the kind too (review set --kind, the web desk's decision form)

Revision ID: 0007_web2
Revises: 0006_web
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_web2"
down_revision = "0006_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.add_column(sa.Column("manual_kind", sa.String(), nullable=True))
        batch.add_column(sa.Column("manual_kind_before", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.drop_column("manual_kind_before")
        batch.drop_column("manual_kind")
