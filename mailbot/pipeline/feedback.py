"""What inbound mail tells us about our own outgoing mail: bounces feed the suppression list, loops and
complaints are recorded for staff, and a focal point whose address bounces is flagged."""
from __future__ import annotations

from typing import TYPE_CHECKING

import logging

from sqlmodel import Session, select

from mailbot.kinds import Kind, OutboxStatus
from mailbot.robots import RobotKind, RobotRecipient, RobotReport
from mailbot.store.models import Event, Message, Outbox
from mailbot.store.register import record_event_once
from mailbot.store.suppression import suppress

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

log = logging.getLogger("mailbot.feedback")


def record_feedback(session: Session, message: Message, item, now, runtime: Runtime | None = None) -> None:
    """Act on a robot's report in the register's transaction: mark our outbox row, suppress the address."""
    if message.kind == Kind.LOOP:
        record_event_once(session, now, "loop", message.raw_sha256,
                          f"our own mail came back and was dropped ({message.subject[:120]})", message.id)
        log.warning("mail loop: dropped our own message %s", message.message_id)
        return
    report: RobotReport | None = getattr(item, "robot", None)
    message.bounce = report.as_export() if report is not None else None
    if report is None or message.kind != report.kind.value:
        return                   # not robot mail, or an admin rule decided otherwise
    if report.kind == RobotKind.COMPLAINT:
        _review(message, "abuse complaint (ARF report) about our mail: a person decides what to do")
        return
    if report.kind != RobotKind.BOUNCE:
        return                   # a delay is retried by the remote server; a delivered notice needs nothing
    row = _answered_row(session, report.original_message_id)
    failed = [r for r in report.recipients if r.permanent]
    if not failed and row is not None:
        # A bounce that names nobody, matched to our one-recipient message: that recipient bounced.
        failed = [_unnamed(address) for address in row.recipients[:1]]
    if row is not None and failed:
        row.status = OutboxStatus.BOUNCED
        row.last_error = "bounced: " + "; ".join(f"{r.address} {r.status} {r.diagnostic}".strip() for r in failed)[:500]
        session.add(row)
    focal = _focal_states(runtime)
    for recipient in failed:
        suppress(session, recipient.address, bounced_at=message.received_at, status=recipient.status,
                 diagnostic=recipient.diagnostic, message_pk=message.id, outbox_pk=row.id if row else None)
        if not _already_noted(session, message.id, recipient.address):
            session.add(Event(at=now, kind="bounce", message_pk=message.id,
                              detail=f"{recipient.address} bounced {recipient.status} {recipient.diagnostic}".strip()[:500]))
        states = focal.get(recipient.address)
        if states:
            _review(message, f"the focal point address {recipient.address} of {', '.join(states)} bounces "
                             f"({recipient.status or 'permanent failure'}): the Secretariat should find a new one")


def _unnamed(address: str):
    return RobotRecipient(str(address).lower(), "failed", "", True, "the report names no address; matched by Message-ID")


def _review(message: Message, reason: str) -> None:
    reasons = list(message.review_reasons or [])
    if reason not in reasons:
        reasons.append(reason)
    message.review_reasons = reasons
    message.needs_review = True


def _focal_states(runtime: Runtime) -> dict[str, list[str]]:
    """Focal point address -> the states it serves (empty without a runtime or a focal points file)."""
    if runtime is None:
        return {}
    by_address: dict[str, list[str]] = {}
    for point in runtime.reference.focal_points:
        by_address.setdefault(point.address, []).append(point.state)
    return by_address


def _answered_row(session: Session, original_id: str | None) -> Outbox | None:
    if not original_id:
        return None
    return session.exec(select(Outbox).where(Outbox.message_id == original_id.strip())).first()


def _already_noted(session: Session, message_pk: int, address: str) -> bool:
    """A replayed bounce must not count twice."""
    return session.exec(select(Event.id).where(Event.kind == "bounce", Event.message_pk == message_pk,
                                               Event.detail.startswith(address + " "))).first() is not None
