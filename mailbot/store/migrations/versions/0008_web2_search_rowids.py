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

# Frozen here, as every migration's SQL is: the live code may change its numbering later.
TEXTS_PER_MESSAGE = 1024
TABLES = ("message_fts", "message_fts_trigram")


def upgrade() -> None:
    run = op.get_bind().exec_driver_sql
    last = TEXTS_PER_MESSAGE - 1
    for table in TABLES:
        run("DROP TABLE IF EXISTS temp.fts_renumber")
        run(f"CREATE TEMP TABLE fts_renumber AS SELECT CAST(message_pk AS INTEGER) AS pk, body, "
            f"row_number() OVER (PARTITION BY CAST(message_pk AS INTEGER) ORDER BY rowid) - 1 AS n FROM {table}")
        run(f"DELETE FROM {table}")
        run(f"INSERT INTO {table} (rowid, message_pk, body) SELECT pk * {TEXTS_PER_MESSAGE} + n, pk, body "
            f"FROM temp.fts_renumber WHERE n < {last}")
        # A message with more texts than its numbers keeps the rest joined in its last one.
        run(f"INSERT INTO {table} (rowid, message_pk, body) SELECT pk * {TEXTS_PER_MESSAGE} + {last}, pk, "
            f"group_concat(body, char(10)) FROM (SELECT * FROM temp.fts_renumber WHERE n >= {last} ORDER BY pk, n) "
            "GROUP BY pk")
        run("DROP TABLE temp.fts_renumber")


def downgrade() -> None:
    pass            # the numbered index is still a valid index for the code before it
