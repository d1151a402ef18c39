"""Held acknowledgements: find them by register id or receipt number, and release each exactly once."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from mailbot.consultation import as_aware_utc
from mailbot.outbox.mail import compose, message_id_for
from mailbot.pipeline import acknowledge
from mailbot.kinds import ACK_PURPOSES, AckOutcome, AckPurpose, OutboxStatus
from mailbot.workitem import AckDecision
from mailbot.store.models import Message, Outbox
from mailbot.store.lookup import find_message_id

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


@dataclass(frozen=True)
class HeldAck:
    """One held acknowledgement, as `ack release` lists it."""

    outbox_pk: int
    message_pk: int
    reference: str | None
    recipient: str
    purpose: str
    received_at: datetime
    reason: str


def held_acks(session, selectors: list[str] | None) -> tuple[list[HeldAck], list[str]]:
    """The held acknowledgements named by ids / receipt numbers (all when None), and the selectors
    that name a message with nothing held (already released or never held)."""
    query = (select(Outbox, Message).join(Message, Message.id == Outbox.message_pk)
             .where(Outbox.status == OutboxStatus.HELD, Outbox.purpose.in_(ACK_PURPOSES)).order_by(Message.id))
    nothing_held = []
    if selectors is not None:
        pks = [find_message_id(session, selector) for selector in selectors]
        query = query.where(Message.id.in_(pks))
        found = {message.id for _row, message in session.exec(query).all()}
        nothing_held = [selector for selector, pk in zip(selectors, pks) if pk not in found]
    return [HeldAck(row.id, message.id, message.reference, ", ".join(row.recipients), row.purpose,
                    as_aware_utc(message.received_at), row.last_error or "")
            for row, message in session.exec(query).all()], nothing_held


def release(runtime: Runtime, held: HeldAck) -> bool:
    """Queue one held acknowledgement for delivery, rebuilt now (its Date) with the same Message-ID
    and receipt number; False when another release got there first (exactly once)."""
    now = runtime.clock.now()
    with runtime.session() as session:
        row = session.get(Outbox, held.outbox_pk)
        if row is None or row.status != OutboxStatus.HELD:
            return False
        message = session.get(Message, row.message_pk)
        decision = AckDecision(AckOutcome.SEND, AckPurpose(row.purpose), "released",
                               first_copy_pk=_first_copy_pk(session, message, row.purpose))
        mail = acknowledge.build(decision, runtime, session, message)
        row.subject, row.raw, row.language = mail.subject, compose(mail, runtime.settings, now), mail.language
        row.message_id = message_id_for(runtime.settings, row.key)
        row.status, row.last_error, row.next_attempt_at = OutboxStatus.PENDING, None, now
        message.ack_decision = (f"send {row.purpose}: released {now:%Y-%m-%d %H:%M} UTC by mailbot ack release "
                                f"(held: {held.reason})")
        session.add_all([row, message])
        session.commit()
    return True


def _first_copy_pk(session, message: Message, purpose: str) -> int | None:
    if purpose != AckPurpose.RESEND_NOTICE or not message.duplicate_of:
        return None
    first = acknowledge.first_copy(session, message.duplicate_of)
    return first.id if first else None
