"""Build ParsedMessage / WorkItem objects directly, without the MIME parser."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from email.utils import getaddresses

from mailbot.workitem import Fetched, WorkItem
from parsers.types import Address, Attachment, ExtractResult, ParsedMessage

TRUSTED_ID = "mx.itu.int"
WHEN = datetime(2020, 1, 10, 9, 0, tzinfo=timezone.utc)


def addresses(header: str) -> tuple[Address, ...]:
    return tuple(Address(name, addr.lower()) for name, addr in getaddresses([header]) if "@" in addr)


def document(filename: str, text: str, first_page: str | None = None, *, data: bytes | None = None):
    """(Attachment, ExtractResult) for a document whose extracted text is `text`."""
    raw = data if data is not None else text.encode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    kind = "application/pdf" if filename.endswith(".pdf") else \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    attachment = Attachment(filename=filename, safe_name=f"att-{sha[:8]}", declared_type=kind,
                            sniffed_type=kind, size=len(raw), sha256=sha, disposition="attachment",
                            content_id=None, is_inline_image=False, data=raw)
    first = first_page if first_page is not None else "\n".join(text.splitlines()[:40])
    return attachment, ExtractResult(status="ok", reason="", text=text, first_page_text=first)


def auth_header(domain: str, result: str = "pass", authserv: str = TRUSTED_ID) -> tuple[str, str]:
    if result == "pass":
        value = f"{authserv}; dkim=pass header.d={domain}; spf=pass smtp.mailfrom={domain}; dmarc=pass header.from={domain}"
    else:
        value = f"{authserv}; dkim=fail header.d={domain}; spf=fail smtp.mailfrom={domain}; dmarc=fail header.from={domain}"
    return ("Authentication-Results", value)


def message(*, sender: str, subject: str = "", body: str = "", documents=(), reply_to: str = "",
            headers=(), forwarded=(), message_id: str | None = None, auth: str | None = "pass") -> tuple[ParsedMessage, dict]:
    """A ParsedMessage and its extracts; `auth` = pass | fail | None (no Authentication-Results)."""
    from_addresses = addresses(sender)
    all_headers = [("From", sender), ("Subject", subject)] + list(headers)
    if auth is not None and from_addresses:
        all_headers.insert(0, auth_header(from_addresses[0].domain, auth))
    attachments = tuple(att for att, _ in documents)
    extracts = {att.sha256: result for att, result in documents}
    for inner, inner_extracts in forwarded:
        extracts.update(inner_extracts)
    mid = message_id or f"<{hashlib.sha1((sender + subject + body).encode()).hexdigest()[:16]}@example>"
    parsed = ParsedMessage(
        message_id=mid, from_addresses=from_addresses, from_header=sender,
        reply_to=addresses(reply_to) if reply_to else (), to=(Address("", "contributions@itu.int"),), cc=(),
        subject=subject, date=WHEN, in_reply_to=None, references=(), headers=tuple(all_headers),
        content_type="multipart/mixed" if attachments else "text/plain", body_text=body, body_html="",
        attachments=attachments, forwarded=tuple(inner for inner, _ in forwarded), defects=())
    return parsed, extracts


def work_item(parsed: ParsedMessage, extracts: dict, *, kind: str = "contribution", language: str | None = None,
              received_at: datetime = WHEN) -> WorkItem:
    fetched = Fetched(source="memory", mailbox="INBOX", uidvalidity=0, uid=parsed.message_id or "x",
                      received_at=received_at, raw=b"")
    return WorkItem(fetched=fetched, parsed=parsed, extracts=extracts, kind=kind, language=language)
