"""the full-text index numbers each text from its message (rowid = message id * 1024 + position), so a
search reads the matching messages from the index alone (the web desk's register search)

Revision ID: 0008_web2
Revises: 0007_web2
"""
from alembic import op

revision = "0008_web2"
down_revision = "0007_web2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mailbot.extraction.search import renumber

    renumber(op.get_bind())


def downgrade() -> None:
    pass            # the numbered index is still a valid index for the code before it
