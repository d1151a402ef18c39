"""The one value every outgoing message is (`OutgoingMail`), and the one way it becomes bytes."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from mailbot.config import Settings
from mailbot.kinds import Purpose
from mailbot.outbox.compose import AutoSubmitted, OutAttachment, compose_mail

_ID_NAMESPACE = uuid.UUID("6f1d2a52-8c1e-4d8e-9a43-4b1f3b2e8d10")


@dataclass(frozen=True)
class OutgoingMail:
    """One message to send: what and to whom, already rendered; `key` makes it once-only and names it."""

    purpose: Purpose
    key: str
    recipients: tuple[str, ...]
    language: str | None
    subject: str
    text: str
    html: str | None = None
    attachments: tuple[OutAttachment, ...] = ()
    original: bytes | None = None          # a received message, attached as its stored bytes unchanged
    original_name: str = "original.eml"
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    auto_submitted: AutoSubmitted = "auto-generated"
    message_pk: int | None = None


def message_id_for(settings: Settings, key: str) -> str:
    """A Message-ID under our domain derived from the outbox key: a resend is the same message."""
    domain = settings.mail.domain
    return f"<{uuid.uuid5(_ID_NAMESPACE, f'{domain}/{key}')}@{domain}>"


def compose(mail: OutgoingMail, settings: Settings, date: datetime) -> bytes:
    """The message's bytes (CRLF), as queued and as previewed."""
    return compose_mail(
        settings=settings,
        to=list(mail.recipients),
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
        auto_submitted=mail.auto_submitted,
        in_reply_to=mail.in_reply_to,
        references=list(mail.references),
        message_id=message_id_for(settings, mail.key),
        attachments=mail.attachments,
        date=date,
        language=mail.language,
        original=mail.original,
        original_name=mail.original_name,
    )
