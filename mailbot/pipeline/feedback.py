"""What inbound mail tells us about our own outgoing mail: bounces about mail we sent feed the suppression
list (bounce_match.py decides which), loops and complaints are recorded for staff, and a focal point whose
address bounces is flagged."""
from __future__ import annotations

from typing import TYPE_CHECKING

import logging

from sqlmodel import Session, select

from mailbot.kinds import Kind, OutboxStatus
from mailbot.pipeline.bounce_match import mailed, match_report
from mailbot.robots import RobotKind, RobotRecipient, RobotReport
from mailbot.store.models import Event, Message
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
    failed = [r for r in report.recipients if r.permanent]
    match = match_report(session, report, failed, getattr(item, "parsed", None))
    row, suppressible = match.row, list(match.suppressible)
    if not failed and row is not None:
        # A bounce that names nobody, matched to our one-recipient message: that recipient bounced.
        suppressible = [_unnamed(address) for address in row.recipients[:1]]
    if row is not None and suppressible:
        row.status = OutboxStatus.BOUNCED
        row.last_error = "bounced: " + "; ".join(
            f"{r.address} {r.status} {r.diagnostic}".strip() for r in suppressible)[:500]
        session.add(row)
    focal = _focal_states(runtime)
    for recipient in suppressible:
        suppress(session, recipient.address, bounced_at=message.received_at, status=recipient.status,
                 diagnostic=recipient.diagnostic, message_pk=message.id, outbox_pk=row.id if row else None)
        _note(session, message, now, "bounce", f"{recipient.address} bounced {recipient.status} {recipient.diagnostic}")
        states = focal.get(recipient.address)
        if states:
            _review(message, f"the focal point address {recipient.address} of {', '.join(states)} bounces "
                             f"({recipient.status or 'permanent failure'}): the Secretariat should find a new one")
    for recipient in match.unmatched:
        _keep_unmatched(session, message, now, recipient, match.why, focal)


def _keep_unmatched(session: Session, message: Message, now, recipient, why: str, focal) -> None:
    """A report we cannot tie to our mail to this address: noted, nothing suppressed; a person looks
    when it names someone we write to (a forged bounce could otherwise silence a ministry)."""
    detail = f"{recipient.address} reported failed, not suppressed: the report is {why}"
    _note(session, message, now, "bounce_unmatched", detail)
    if recipient.address.lower() in focal or mailed(session, recipient.address):
        _review(message, f"a delivery report names {recipient.address}, an address we write to, but it is "
                         f"{why}; if it is genuine: mailbot suppressions add {recipient.address}")


def _note(session: Session, message: Message, now, kind: str, detail: str) -> None:
    if not _already_noted(session, message.id, kind, detail.split(" ", 1)[0]):
        session.add(Event(at=now, kind=kind, message_pk=message.id, detail=detail.strip()[:500]))


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


def _already_noted(session: Session, message_pk: int, kind: str, address: str) -> bool:
    """A replayed bounce must not count twice."""
    return session.exec(select(Event.id).where(Event.kind == kind, Event.message_pk == message_pk,
                                               Event.detail.startswith(address + " "))).first() is not None
