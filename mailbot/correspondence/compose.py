"""Compose outgoing MIME messages: safe headers, loop protection, text + HTML alternative, attachments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address as HeaderAddress
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Iterable, Literal, Sequence

from mailbot.config import Settings
from mailbot.correspondence import sanitize
from mailbot.correspondence.sanitize import filename_text, header_text, is_addr_spec
from mailbot.errors import PermanentDeliveryError

AutoSubmitted = Literal["auto-replied", "auto-generated"]


@dataclass(frozen=True)
class OutAttachment:
    filename: str
    content_type: str  # "text/csv"
    data: bytes


def recipient(item: object) -> HeaderAddress:
    """An Address-like (has .address and .name), a (name, address) pair or a bare address string."""
    if isinstance(item, str):
        name, address = "", item
    elif isinstance(item, tuple) and len(item) == 2:
        name, address = item
    else:
        name, address = getattr(item, "name", "") or "", getattr(item, "address", "")
    address = (address or "").strip()
    if not is_addr_spec(address):
        raise PermanentDeliveryError(
            f"refusing to address mail to {header_text(address, 80)!r}: not a plain e-mail address"
        )
    username, _, domain = address.rpartition("@")
    return HeaderAddress(display_name=header_text(name, 80), username=username, domain=domain)


def _unique(addresses: Iterable[HeaderAddress]) -> list[HeaderAddress]:
    seen: set[str] = set()
    result = []
    for address in addresses:
        if address.addr_spec.lower() not in seen:
            seen.add(address.addr_spec.lower())
            result.append(address)
    return result


def _references(in_reply_to: str | None, references: Sequence[str]) -> tuple[str | None, list[str]]:
    parent = sanitize.message_id(in_reply_to)
    chain = [mid for mid in (sanitize.message_id(ref) for ref in references) if mid][-10:]
    if parent and parent not in chain:
        chain.append(parent)
    return parent, chain


def compose_mail(
    *,
    settings: Settings,
    to: list,
    subject: str,
    text: str,
    html: str | None,
    auto_submitted: AutoSubmitted,
    in_reply_to: str | None,
    references: list[str],
    message_id: str,
    attachments: Sequence[OutAttachment | tuple] = (),
    date: datetime | None = None,
) -> bytes:
    """The message's bytes (CRLF, policy SMTP). Every header value is sanitized here, whatever its origin."""
    if auto_submitted not in ("auto-replied", "auto-generated"):
        raise ValueError(f"auto_submitted must be auto-replied or auto-generated, not {auto_submitted!r}")
    own_id = _own_message_id(message_id)
    recipients = _unique(recipient(item) for item in to)
    if not recipients:
        raise PermanentDeliveryError("no recipient")
    mail = EmailMessage(policy=policy.SMTP)
    mail["From"] = recipient((settings.mail.from_name, settings.mail.from_address))
    mail["To"] = recipients
    mail["Subject"] = header_text(subject, limit=250) or "(no subject)"
    mail["Date"] = format_datetime((date or datetime.now(timezone.utc)).astimezone(timezone.utc))
    mail["Message-ID"] = own_id
    parent, chain = _references(in_reply_to, references)
    if parent:
        mail["In-Reply-To"] = parent
    if chain:
        mail["References"] = " ".join(chain)
    mail["Auto-Submitted"] = auto_submitted
    mail["X-Auto-Response-Suppress"] = "All"
    mail[header_text(settings.mail.loop_header, 60)] = header_text(settings.mail.domain, 200)
    mail.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if html is not None:
        mail.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for attachment in attachments:
        item = attachment if isinstance(attachment, OutAttachment) else OutAttachment(*attachment)
        maintype, _, subtype = item.content_type.partition("/")
        mail.add_attachment(
            item.data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=filename_text(item.filename),
        )
    raw = mail.as_bytes()
    _verify(raw, recipients, header_text(settings.mail.loop_header, 60))
    return raw


_ALLOWED_HEADERS = {
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "auto-submitted",
    "x-auto-response-suppress",
    "mime-version",
    "content-type",
}


def _verify(raw: bytes, recipients: list[HeaderAddress], loop_header: str) -> None:
    """Belt and braces: read the bytes back; a header or recipient we did not put there is refused."""
    parsed = message_from_bytes(raw, policy=policy.default)
    names = [name.lower() for name in parsed.keys()]
    allowed = _ALLOWED_HEADERS | {loop_header.lower()}
    got = [address.addr_spec.lower() for address in parsed["To"].addresses] if parsed["To"] else []
    wanted = [address.addr_spec.lower() for address in recipients]
    if set(names) - allowed or len(names) != len(set(names)) or got != wanted:
        raise PermanentDeliveryError(
            "refusing to send: the composed message has unexpected headers or recipients"
        )


def _own_message_id(value: str) -> str:
    checked = sanitize.message_id(value)
    if checked is None:
        raise ValueError(f"not a valid Message-ID: {header_text(value, 80)!r}")
    return checked
