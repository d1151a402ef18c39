"""Full-text search over extracted text with SQLite FTS5 (raw SQL: SQLModel cannot declare it)."""
from __future__ import annotations

import re

from sqlalchemy import text as sql

FTS_TABLE = "message_fts"
CREATE_FTS = (f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
              "message_pk UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')")
_TERM = re.compile(r"\w+", re.UNICODE)
SNIPPET_TOKENS = 12


def ensure_fts(connection) -> None:
    """Create the FTS5 table if missing; takes a SQLAlchemy Connection (Alembic's op.get_bind())
    or a sqlite3 connection."""
    if hasattr(connection, "exec_driver_sql"):
        connection.exec_driver_sql(CREATE_FTS)
    else:
        connection.execute(CREATE_FTS)


def index_message(session, message_pk: int, texts: list[str], *, replace: bool = True) -> None:
    """Replace the message's indexed texts (body, each attachment's text); the caller commits.

    `replace=False` for a message indexed for the first time: the DELETE scans the whole index
    (message_pk is not an indexed column), which a backfill of new mail must not pay per message."""
    if replace:
        session.execute(sql(f"DELETE FROM {FTS_TABLE} WHERE message_pk = :pk"), {"pk": message_pk})
    for body in texts:
        if body and body.strip():
            session.execute(sql(f"INSERT INTO {FTS_TABLE} (message_pk, body) VALUES (:pk, :body)"),
                            {"pk": message_pk, "body": body})


def to_match_query(query: str) -> str:
    """User words -> an FTS5 query of quoted terms (all required), so no input is a syntax error.

    A query wrapped in double quotes is searched as a phrase."""
    stripped = query.strip()
    terms = _TERM.findall(stripped)
    if not terms:
        return ""
    if len(stripped) > 1 and stripped.startswith('"') and stripped.endswith('"'):
        return '"' + " ".join(terms) + '"'
    return " ".join(f'"{term}"' for term in terms)


def search(session, query: str, limit: int = 20) -> list[tuple[int, str]]:
    """(message_pk, snippet) for the best-matching messages, best first; one row per message."""
    match = to_match_query(query)
    if not match:
        return []
    rows = session.execute(sql(
        f"SELECT message_pk, snippet({FTS_TABLE}, 1, '[', ']', '…', {SNIPPET_TOKENS}) "
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match ORDER BY bm25({FTS_TABLE}) LIMIT :cap"),
        {"match": match, "cap": max(1, limit) * 5}).all()
    seen: dict[int, str] = {}
    for message_pk, snippet in rows:
        if int(message_pk) not in seen:
            seen[int(message_pk)] = snippet
        if len(seen) >= limit:
            break
    return list(seen.items())
