"""Full-text search over extracted text with SQLite FTS5 (raw SQL: SQLModel cannot declare it).

The two tables are made by the migrations (0002 the word index, 0004 the trigram index)."""
from __future__ import annotations

import re

from sqlalchemy import text as sql

FTS_TABLE = "message_fts"
# Chinese, Japanese and Korean are written without spaces: the word index sees a whole sentence as
# one token. Texts with such characters also go to a trigram index, where any substring matches.
TRIGRAM_TABLE = "message_fts_trigram"
# A text's rowid is message_pk * TEXTS_PER_MESSAGE + its position (body first, then documents), so the
# index alone names the message (rowid / TEXTS_PER_MESSAGE): reading the message_pk column instead costs
# a row lookup per match, most of a search that matches tens of thousands of texts. It also lets a
# message's texts be replaced by rowid range instead of a scan of the whole index.
TEXTS_PER_MESSAGE = 1024
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]")
_TERM = re.compile(r"\w+", re.UNICODE)
SNIPPET_TOKENS = 12


def index_message(session, message_pk: int, texts: list[str], *, replace: bool = True) -> None:
    """Replace the message's indexed texts (body, each attachment's text); the caller commits.

    `replace=False` for a message indexed for the first time: nothing to delete."""
    low = int(message_pk) * TEXTS_PER_MESSAGE
    if replace:
        for table in (FTS_TABLE, TRIGRAM_TABLE):
            session.execute(sql(f"DELETE FROM {table} WHERE rowid BETWEEN :low AND :high"),
                            {"low": low, "high": low + TEXTS_PER_MESSAGE - 1})
    for position, body in enumerate(message_texts(texts)):
        row = {"rowid": low + position, "pk": message_pk, "body": body}
        session.execute(sql(f"INSERT INTO {FTS_TABLE} (rowid, message_pk, body) VALUES (:rowid, :pk, :body)"), row)
        if _UNSPACED.search(body):
            session.execute(sql(f"INSERT INTO {TRIGRAM_TABLE} (rowid, message_pk, body) "
                                "VALUES (:rowid, :pk, :body)"), row)


def message_texts(texts: list[str]) -> list[str]:
    """The texts worth indexing, at most TEXTS_PER_MESSAGE of them (the last one takes the rest)."""
    kept = [body for body in texts if body and body.strip()]
    if len(kept) > TEXTS_PER_MESSAGE:
        kept = kept[:TEXTS_PER_MESSAGE - 1] + ["\n".join(kept[TEXTS_PER_MESSAGE - 1:])]
    return kept


def matching_messages(session, match: str) -> list[int]:
    """The ids of the messages whose texts match an FTS5 query (from to_match_query), ascending."""
    if not match:
        return []
    rowids = session.execute(sql(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"), {"match": match})
    return sorted({rowid // TEXTS_PER_MESSAGE for (rowid,) in rowids})


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
    """(message_pk, snippet) for the best-matching messages, best first; one row per message.

    A receipt number finds its message first; CJK terms are matched as substrings (trigram index)."""
    rows = _by_reference(session, query)
    if _UNSPACED.search(query):
        rows += _substring_rows(session, query, max(1, limit) * 5)
    else:
        match = to_match_query(query)
        if not match and not rows:
            return []
        rows += session.execute(sql(
            f"SELECT message_pk, snippet({FTS_TABLE}, 1, '[', ']', '…', {SNIPPET_TOKENS}) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match ORDER BY bm25({FTS_TABLE}) LIMIT :cap"),
            {"match": match, "cap": max(1, limit) * 5}).all() if match else []
    seen: dict[int, str] = {}
    for message_pk, snippet in rows:
        if int(message_pk) not in seen:
            seen[int(message_pk)] = snippet
        if len(seen) >= limit:
            break
    return list(seen.items())


def _by_reference(session, query: str) -> list[tuple[int, str]]:
    """The message whose receipt number is the query (`GCA-2020-0006`, any case)."""
    wanted = query.strip().strip('"').upper()
    if not wanted or " " in wanted:
        return []
    return [(pk, f"receipt number {reference}") for pk, reference in session.execute(
        sql("SELECT id, reference FROM message WHERE reference = :ref"), {"ref": wanted}).all()]


def _substring_rows(session, query: str, cap: int) -> list[tuple[int, str]]:
    """Every term as a substring of one indexed text (LIKE on the trigram table: 1-2 character CJK
    words too, which a trigram MATCH cannot take); the snippet is cut around the first term."""
    terms = [term for term in re.split(r"\s+", query.strip().strip('"')) if term]
    if not terms:
        return []
    where = " AND ".join(f"body LIKE :t{index} ESCAPE '\\'" for index in range(len(terms)))
    params = {f"t{index}": "%" + _like_escape(term) + "%" for index, term in enumerate(terms)}
    rows = session.execute(sql(f"SELECT message_pk, body FROM {TRIGRAM_TABLE} WHERE {where} LIMIT :cap"),
                           {**params, "cap": cap}).all()
    return [(pk, _cut_around(body, terms[0])) for pk, body in rows]


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _cut_around(body: str, term: str, width: int = 30) -> str:
    at = body.find(term)
    if at < 0:                 # matched without regard to ASCII case: show the start
        return body[:2 * width] + ("…" if len(body) > 2 * width else "")
    start, end = max(0, at - width), at + len(term) + width
    return ("…" if start else "") + body[start:at] + f"[{term}]" + body[at + len(term):end] + \
        ("…" if end < len(body) else "")
