"""Outlook .msg (extract-msg): subject and body, and each attachment (embedded .msg included)."""
from __future__ import annotations

import logging

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.container import combine, member_result
from parsers.documents.limits import Limits
from parsers.html_text import html_to_text
from parsers.types import ExtractResult

KIND = "Outlook message"
PGP_CONTROL_SUFFIX = ".pgp-encrypted"      # PGP/MIME's control part, as Outlook saves it


def extract(data: bytes, limits: Limits) -> ExtractResult:
    import extract_msg

    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)
    try:
        message = extract_msg.openMsg(data, strict=False)
    except Exception as err:         # extract-msg raises its own and olefile's errors
        raise ExtractionError("corrupt", reasons.corrupt(KIND, "its structure is broken")) from err
    try:
        return _message_result(message, limits)
    finally:
        message.close()


def _message_result(message, limits: Limits) -> ExtractResult:
    if limits.depth > limits.max_depth:
        raise ExtractionError("too_large", reasons.TOO_DEEP)
    attachments = list(getattr(message, "attachments", []) or [])[: limits.max_archive_entries]
    if _is_encrypted(message, attachments):
        return ExtractResult(status="encrypted", reason=reasons.MSG_ENCRYPTED)
    parts = tuple(_attachment_result(attachment, limits) for attachment in attachments)
    subject = _safe(lambda: message.subject) or ""
    metadata = {"subject": subject, "from": _safe(lambda: message.sender) or "",
                "date": str(_safe(lambda: message.date) or "")}
    body = _body(message)
    return combine("\n\n".join(piece for piece in (subject, body) if piece), parts, limits, KIND,
                   metadata=metadata)


def _attachment_result(attachment, limits: Limits) -> ExtractResult:
    name = _safe(lambda: attachment.longFilename or attachment.shortFilename) or "attachment"
    content = _safe(lambda: attachment.data)
    if isinstance(content, (bytes, bytearray)):
        return member_result(bytes(content), name, limits)
    if content is not None and hasattr(content, "attachments"):      # an embedded .msg
        result = _message_result(content, limits.nested())
        from dataclasses import replace

        return replace(result, metadata={**result.metadata, "filename": name})
    return ExtractResult(status="unsupported", reason=reasons.unsupported("Outlook reference attachment"),
                         metadata={"filename": name})


def _is_encrypted(message, attachments) -> bool:
    """S/MIME-encrypted class, or a PGP/MIME pair of attachments and no body."""
    klass = (_safe(lambda: message.classType) or "").lower()
    if klass.startswith("ipm.note.smime") and "multipartsigned" not in klass:
        return True
    names = [(_safe(lambda a=att: a.longFilename or a.shortFilename) or "").lower() for att in attachments]
    return any(name.endswith(PGP_CONTROL_SUFFIX) for name in names) and not (_body(message) or "").strip()


def _body(message) -> str:
    text = _safe(lambda: message.body)
    if text:
        return text
    html = _safe(lambda: message.htmlBody)
    if html:
        return html_to_text(html.decode("utf-8", "replace") if isinstance(html, bytes) else html)
    return ""


def _safe(getter):
    """extract-msg computes properties lazily and may raise on damaged streams."""
    try:
        return getter()
    except Exception:
        return None
