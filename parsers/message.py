"""Placeholder parser (replaced by the parse branch): bytes -> ParsedMessage with the email package."""
from __future__ import annotations

import hashlib
from email import message_from_bytes, policy
from email.utils import getaddresses, parsedate_to_datetime

from parsers.sniff import sniff_type
from parsers.types import Address, Attachment, ParsedMessage


def parse_message(raw: bytes) -> ParsedMessage:
    msg = message_from_bytes(raw, policy=policy.default)
    def addrs(name):
        return tuple(Address(n, a.lower()) for n, a in getaddresses([str(v) for v in msg.get_all(name, [])]) if "@" in a)
    body = msg.get_body(preferencelist=("plain",))
    attachments = []
    for index, part in enumerate(msg.iter_attachments()):
        data = part.get_payload(decode=True) or b""
        digest = hashlib.sha256(data).hexdigest()
        attachments.append(Attachment(part.get_filename(), f"att-{index:02d}-{digest[:8]}.bin",
                                      part.get_content_type(), sniff_type(data, part.get_content_type()),
                                      len(data), digest, part.get_content_disposition() or "", None,
                                      False, data))
    try:
        date = parsedate_to_datetime(msg["Date"]) if msg["Date"] else None
    except (TypeError, ValueError):
        date = None
    return ParsedMessage(
        message_id=(msg["Message-ID"] or "").strip() or None, from_addresses=addrs("From"),
        from_header=str(msg["From"] or ""), reply_to=addrs("Reply-To"), to=addrs("To"), cc=addrs("Cc"),
        subject=str(msg["Subject"] or ""), date=date, in_reply_to=msg["In-Reply-To"], references=(),
        headers=tuple((k, str(v)) for k, v in msg.items()), content_type=msg.get_content_type(),
        body_text=body.get_content() if body else "", body_html="", attachments=tuple(attachments),
        forwarded=(), defects=())
