"""decision trail (states before a human decision) and a trigram index for CJK search

Revision ID: 0004_ops
Revises: 0003_first

The SQL is frozen here as it was at this revision: a migration never imports live code.
"""
import re

import sqlalchemy as sa
from alembic import op

revision = "0004_ops"
down_revision = "0003_first"
branch_labels = None
depends_on = None

# Chinese, Japanese and Korean characters: texts with them also go to the trigram index.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]")


def upgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.add_column(sa.Column("manual_states_before", sa.JSON(), nullable=True))
    connection = op.get_bind()
    connection.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS message_fts_trigram USING fts5("
                               "message_pk UNINDEXED, body, tokenize = 'trigram')")
    rows = connection.exec_driver_sql("SELECT message_pk, body FROM message_fts").fetchall()
    for message_pk, body in rows:        # the texts indexed before: those that need it, again
        if _UNSPACED.search(body or ""):
            connection.exec_driver_sql("INSERT INTO message_fts_trigram (message_pk, body) VALUES (?, ?)",
                                       (message_pk, body))


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS message_fts_trigram")
    with op.batch_alter_table("message") as batch:
        batch.drop_column("manual_states_before")
