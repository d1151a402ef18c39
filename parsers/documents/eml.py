"""An attached or forwarded e-mail (message/rfc822): its body and its attachments, recursively."""
from __future__ import annotations

import email
import email.policy

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.container import combine, member_result
from parsers.documents.limits import Limits
from parsers.documents.text import decode
from parsers.html_text import html_to_text
from parsers.types import ExtractResult

KIND = "attached e-mail"
MAX_MULTIPART_DEPTH = 50      # nesting beyond this is an attack, not a message


def extract(data: bytes, limits: Limits) -> ExtractResult:
    if limits.depth > limits.max_depth:
        raise ExtractionError("too_large", reasons.TOO_DEEP)
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    body = _body(message)
    parts = []
    for part in _attachments(message, limits.max_archive_entries):
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            content = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
        else:
            content = part.get_payload(decode=True) or b""
        parts.append(member_result(content, part.get_filename(), limits))
    subject = str(message.get("Subject", "") or "")
    metadata = {"subject": subject, "from": str(message.get("From", "") or "")}
    return combine("\n\n".join(piece for piece in (subject, body) if piece), tuple(parts), limits,
                   KIND, metadata=metadata)


def _attachments(message, cap: int) -> list:
    """Attached parts of this message, not descending into attached messages (they recurse themselves)."""
    found = []
    for part in _leaf_parts(message):
        disposition = (part.get("Content-Disposition") or "").lower()
        if part.get_filename() or disposition.startswith("attachment") or \
                part.get_content_type() == "message/rfc822":
            found.append(part)
        if len(found) >= cap:
            break
    return found


def _leaf_parts(message, depth: int = 0) -> list:
    if message.get_content_type() == "message/rfc822" and depth:
        return [message]
    if not message.is_multipart():
        return [message] if depth else []
    if depth > MAX_MULTIPART_DEPTH:
        return []
    leaves = []
    for child in message.get_payload():
        leaves.extend(_leaf_parts(child, depth + 1))
    return leaves


def _body(message) -> str:
    leaves = _leaf_parts(message) or [message]
    for wanted in ("text/plain", "text/html"):
        for part in leaves:
            if part.get_content_type() != wanted or part.get_filename():
                continue
            text = decode(part.get_payload(decode=True) or b"")
            return html_to_text(text) if wanted == "text/html" else text
    return ""
