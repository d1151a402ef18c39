"""Shared by containers (zip, TNEF, .msg, .eml): extract each member one level down, then combine."""
from __future__ import annotations

from dataclasses import replace

from parsers.documents import extract_document
from parsers.documents.limits import Limits
from parsers.documents.result import clean, text_result
from parsers.types import ExtractResult


def member_result(data: bytes, filename: str | None, limits: Limits) -> ExtractResult:
    """One member through the registry (sniffed from its bytes), its name kept as metadata only."""
    result = extract_document(data, sniffed_type="", filename=filename, limits=limits.nested())
    return replace(result, metadata={**result.metadata, "filename": clean(filename or "")})


def combine(body: str, parts: tuple[ExtractResult, ...], limits: Limits, kind: str, *,
            metadata: dict | None = None) -> ExtractResult:
    """Container text = its own text + each readable member's text under the member's name."""
    pieces = [body] if body and body.strip() else []
    for part in parts:
        if part.text:
            pieces.append(f"--- {part.metadata.get('filename') or 'attachment'} ---\n{part.text}")
    text = "\n\n".join(pieces)
    if text.strip() or not parts:
        return text_result(text, limits, metadata=metadata, parts=parts)
    statuses = {part.status for part in parts}
    if len(statuses) == 1:
        status = statuses.pop()
        reason = f"Nothing inside the {kind} could be read: {parts[0].reason}"
    else:
        status = "empty"
        reason = f"Nothing inside the {kind} could be read ({', '.join(sorted(statuses))})."
    return ExtractResult(status=status, reason=reason, metadata=metadata or {}, parts=parts)

