"""Turn extracted text into an ExtractResult: trimmed, bounded, status ok or empty, language set."""
from __future__ import annotations

import re

from parsers.documents import reasons
from parsers.documents.limits import Limits
from parsers.language import detect_language
from parsers.types import ExtractResult

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """No NULs, no lone surrogates (they cannot be stored as UTF-8)."""
    return _SURROGATE.sub("\ufffd", text.replace("\x00", ""))


def tidy(text: str) -> str:
    """Drop NULs, trailing spaces and runs of blank lines; keep paragraph breaks."""
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def text_result(text: str, limits: Limits, *, first_page_text: str | None = None,
                pages: int | None = None, metadata: dict | None = None,
                parts: tuple[ExtractResult, ...] = (), ocr: bool = False,
                empty_status: str = "empty", empty_reason: str = reasons.EMPTY) -> ExtractResult:
    """`ok` with the text, or `empty_status` when there is no visible text at all."""
    text = tidy(text)[: limits.max_text_chars]
    first = tidy(first_page_text)[: limits.max_text_chars] if first_page_text is not None else \
        text[:3000]
    clean_meta = {key: clean(str(value)) for key, value in (metadata or {}).items() if value not in (None, "")}
    if not text:
        return ExtractResult(status=empty_status, reason=empty_reason, pages=pages,
                             metadata=clean_meta, parts=parts, ocr=ocr)
    return ExtractResult(status="ok", reason="", text=text, first_page_text=first, pages=pages,
                         language=detect_language(text), ocr=ocr, metadata=clean_meta, parts=parts)
