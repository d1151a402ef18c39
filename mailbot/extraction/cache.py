"""The `extraction` table as a cache: identical bytes are extracted once per extractor version."""
from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime, timezone

from sqlalchemy.dialects.sqlite import insert
from sqlmodel import select

from mailbot.store.models import Extraction
from parsers.types import ExtractResult

LOOKUP_CHUNK = 500                 # stay well under SQLite's bound-parameter limit
NOT_CACHED = frozenset({"timeout"})   # may be the machine's load, not the document: retry next time


def load(session, shas: list[str], version: str) -> dict[str, ExtractResult]:
    found: dict[str, ExtractResult] = {}
    for start in range(0, len(shas), LOOKUP_CHUNK):
        chunk = shas[start:start + LOOKUP_CHUNK]
        rows = session.exec(select(Extraction).where(Extraction.sha256.in_(chunk))).all()
        for row in rows:
            if row.extractor_version == version:
                found[row.sha256] = row_to_result(row)
    return found


def store(session, results: dict[str, ExtractResult], version: str) -> None:
    """One statement: each row inserted, or replacing the row of an older version (no ORM object,
    no read first: the feed thread stores every document as it is read)."""
    now = datetime.now(timezone.utc)
    rows = [row_values(sha, result, version, now) for sha, result in results.items()
            if result.status not in NOT_CACHED]
    if not rows:
        return
    statement = insert(Extraction).values(rows)
    replaced = {name: statement.excluded[name] for name in rows[0] if name != "sha256"}
    session.exec(statement.on_conflict_do_update(index_elements=["sha256"], set_=replaced))


def row_values(sha: str, result: ExtractResult, version: str, now: datetime) -> dict:
    """The `extraction` row of a result, column by column."""
    return {"sha256": sha, "extractor_version": version, "status": result.status, "reason": result.reason,
            "text": result.text, "first_page_text": result.first_page_text, "pages": result.pages,
            "language": result.language, "ocr": result.ocr,
            "meta": {"metadata": dict(result.metadata), "parts": [_stored(part) for part in result.parts]},
            "created_at": now}


def _stored(result: ExtractResult) -> dict:
    """A part as stored: without the after-read step's work, which is never cached (its inputs may change)."""
    data = asdict(replace(result, analysis=None, parts=()))
    del data["analysis"]
    data["parts"] = [_stored(part) for part in result.parts]
    return data


def row_to_result(row: Extraction) -> ExtractResult:
    meta = row.meta or {}
    return ExtractResult(status=row.status, reason=row.reason, text=row.text,
                         first_page_text=row.first_page_text, pages=row.pages, language=row.language,
                         ocr=row.ocr, metadata=dict(meta.get("metadata", {})),
                         parts=tuple(dict_to_result(part) for part in meta.get("parts", [])))


def dict_to_result(data: dict) -> ExtractResult:
    return ExtractResult(**{**data, "parts": tuple(dict_to_result(part) for part in data.get("parts", []))})
