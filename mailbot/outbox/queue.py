"""The one way into the outbox: `enqueue(session, mail)`, one row per key, so a rerun adds nothing."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.kinds import OutboxStatus
from mailbot.outbox.mail import OutgoingMail, compose, message_id_for
from mailbot.store.models import Outbox

# Built once: building the statement with its values for every row (and the ORM session's execute)
# cost about 0.2 ms a row; this one runs with the row's values as parameters.
_INSERT = insert(Outbox).on_conflict_do_nothing(index_elements=["key"])


def enqueue(session: Session, mail: OutgoingMail, *, settings: Settings, now: datetime,
            status: str = OutboxStatus.PENDING, last_error: str | None = None) -> bool:
    """Compose and insert the row unless its key exists; True when inserted. Runs inside the caller's
    transaction, so the row commits with whatever caused it."""
    if session.autoflush:  # as session.execute did: pending rows (its message) are written first
        session.flush()
    now = now.astimezone(timezone.utc) if now.tzinfo else now.replace(tzinfo=timezone.utc)
    return insert_once(session, {
        "key": mail.key, "purpose": str(mail.purpose), "message_pk": mail.message_pk,
        "recipients": list(mail.recipients), "envelope_from": settings.mail.from_address,
        "message_id": message_id_for(settings, mail.key), "subject": mail.subject, "language": mail.language,
        "raw": compose(mail, settings, now), "status": status, "attempts": 0, "next_attempt_at": now,
        "last_error": last_error, "created_at": now,
    })


def enqueue_all(session: Session, mails, *, settings: Settings, now: datetime) -> list[str]:
    """`enqueue` each; the keys actually inserted (a rerun inserts none)."""
    return [mail.key for mail in mails if enqueue(session, mail, settings=settings, now=now)]


def insert_once(session: Session, values: dict) -> bool:
    """INSERT ... ON CONFLICT (key) DO NOTHING of one outbox row's column values; True when inserted."""
    return session.connection().execute(_INSERT, values).rowcount == 1
