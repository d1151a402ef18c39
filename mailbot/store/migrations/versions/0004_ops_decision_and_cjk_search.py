"""decision trail (states before a human decision) and a trigram index for CJK search

Revision ID: 0004_ops
Revises: 0003_first
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_ops"
down_revision = "0003_first"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mailbot.extraction.search import backfill_trigram, ensure_fts

    with op.batch_alter_table("message") as batch:
        batch.add_column(sa.Column("manual_states_before", sa.JSON(), nullable=True))
    ensure_fts(op.get_bind())          # creates the trigram table beside the word index
    backfill_trigram(op.get_bind())


def downgrade() -> None:
    from mailbot.extraction.search import TRIGRAM_TABLE

    op.execute(f"DROP TABLE IF EXISTS {TRIGRAM_TABLE}")
    with op.batch_alter_table("message") as batch:
        batch.drop_column("manual_states_before")
