"""full-text search index (FTS5) over message and document text

Revision ID: 0002
Revises: 0001

The SQL is frozen here as it was at this revision: a migration never imports live code.
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE VIRTUAL TABLE IF NOT EXISTS message_fts USING fts5("
               "message_pk UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS message_fts")
