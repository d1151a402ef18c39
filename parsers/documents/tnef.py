"""Outlook TNEF (winmail.dat): the message body and every attachment inside, each extracted."""
from __future__ import annotations

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.container import combine, member_result
from parsers.documents.limits import Limits
from parsers.documents.text import decode
from parsers.html_text import html_to_text
from parsers.types import ExtractResult

KIND = "Outlook winmail.dat"


def extract(data: bytes, limits: Limits) -> ExtractResult:
    import logging

    from tnefparse import TNEF

    logging.getLogger("tnefparse").setLevel(logging.CRITICAL)
    if limits.depth > limits.max_depth:
        raise ExtractionError("too_large", reasons.TOO_DEEP)
    try:
        tnef = TNEF(data, do_checksum=True)
    except Exception as err:     # tnefparse raises ValueError, struct.error, IndexError, ...
        raise ExtractionError("corrupt", reasons.corrupt(KIND, "its structure is broken")) from err
    body = _body(tnef)
    attachments = list(tnef.attachments)[: limits.max_archive_entries]
    parts = tuple(member_result(attachment.data or b"", _name(attachment), limits)
                  for attachment in attachments)
    metadata = {}
    if not all(getattr(obj, "good_checksum", True) for obj in getattr(tnef, "objects", [])):
        metadata["warning"] = "checksum mismatch"
    return combine(body, parts, limits, KIND, metadata=metadata)


def _name(attachment) -> str:
    try:
        return attachment.long_filename() or attachment.name or "attachment"
    except Exception:                 # names in a broken stream may not decode
        return "attachment"


def _body(tnef) -> str:
    """Plain body first, then HTML, then the compressed RTF body."""
    if tnef.body:
        return tnef.body if isinstance(tnef.body, str) else decode(tnef.body)
    if tnef.htmlbody:
        html = tnef.htmlbody if isinstance(tnef.htmlbody, str) else decode(tnef.htmlbody)
        return html_to_text(html)
    try:
        rtf = tnef.rtfbody
    except Exception:
        return ""
    if not rtf:
        return ""
    from striprtf.striprtf import rtf_to_text

    raw = rtf if isinstance(rtf, bytes) else rtf.encode("latin-1", "replace")
    return rtf_to_text(raw.decode("latin-1"), errors="replace")
