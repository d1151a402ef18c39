"""Turn a rendered message into an Outbox row, and insert rows once per key."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Iterable, Sequence

from sqlmodel import Session

from mailbot.config import Settings
from mailbot.correspondence.compose import AutoSubmitted, OutAttachment, compose_mail
from mailbot.correspondence.register_view import utc_moment
from mailbot.correspondence.render import Rendered
from mailbot.outbox.queue import insert_once
from mailbot.store.models import Outbox

_ID_NAMESPACE = uuid.UUID("6f1d2a52-8c1e-4d8e-9a43-4b1f3b2e8d10")


def message_id_for(settings: Settings, key: str) -> str:
    """A Message-ID under our domain, stable for one outbox key: a rerun composes the same message."""
    return f"<{uuid.uuid5(_ID_NAMESPACE, f'{settings.mail.domain}/{key}')}@{settings.mail.domain}>"


def outbox_row(
    *,
    settings: Settings,
    key: str,
    purpose: str,
    recipients: Sequence[str],
    rendered: Rendered,
    auto_submitted: AutoSubmitted,
    now: datetime,
    language: str | None,
    message_pk: int | None = None,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    attachments: Sequence[OutAttachment] = (),
) -> Outbox:
    """The row with its full MIME bytes, so a resend is byte-identical."""
    message_id = message_id_for(settings, key)
    raw = compose_mail(
        settings=settings,
        to=list(recipients),
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        auto_submitted=auto_submitted,
        in_reply_to=in_reply_to,
        references=list(references),
        message_id=message_id,
        attachments=attachments,
        date=now,
    )
    return Outbox(
        key=key,
        purpose=purpose,
        message_pk=message_pk,
        recipients=list(recipients),
        envelope_from=settings.mail.from_address,
        message_id=message_id,
        subject=rendered.subject,
        language=language,
        raw=raw,
        status="pending",
        created_at=utc_moment(now),
    )


_COLUMNS = (
    "key",
    "purpose",
    "message_pk",
    "recipients",
    "envelope_from",
    "message_id",
    "subject",
    "language",
    "raw",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "created_at",
    "sent_at",
)


def enqueue(session: Session, rows: Iterable[Outbox]) -> list[str]:
    """INSERT OR IGNORE on the unique key: returns the keys actually inserted (a rerun inserts none).
    The caller commits, so the rows land in the same transaction as whatever caused them."""
    return [row.key for row in rows
            if insert_once(session, {column: getattr(row, column) for column in _COLUMNS})]
