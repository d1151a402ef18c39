"""The EmailMessage-based composer that mailbot.outbox.compose replaced (as of commit bb568e3,
without its read-back check): the reference the builder's output is compared with in
test_compose_equivalence.py. Test code only; nothing in mailbot imports it."""

from __future__ import annotations

from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Sequence

from mailbot.config import Settings
from mailbot.outbox.compose import (
    AutoSubmitted,
    OutAttachment,
    _own_message_id,
    _references,
    _unique,
    recipient,
)
from mailbot.correspondence.sanitize import filename_text, header_text
from mailbot.errors import PermanentDeliveryError


def legacy_compose_mail(
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
            params={"charset": "utf-8"} if maintype == "text" else None,   # issue 14: say the CSV's charset
        )
    return mail.as_bytes()
