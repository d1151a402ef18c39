"""full-text search index (FTS5) over message and document text

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mailbot.extraction.search import ensure_fts

    ensure_fts(op.get_bind())


def downgrade() -> None:
    from mailbot.extraction.search import FTS_TABLE

    op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
