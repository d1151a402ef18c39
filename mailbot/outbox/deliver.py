"""Stage `notify`: deliver due outbox rows and mark them, so each side effect happens once."""
from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import or_, select

from mailbot.errors import (DeliveryOutcomeUnknown, DeliveryUnavailable, PermanentDeliveryError,
                            TransientDeliveryError)
from mailbot.kinds import WAITING, OutboxStatus
from mailbot.store.models import Outbox
from mailbot.store.suppression import suppressed_among

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

log = logging.getLogger("mailbot.outbox")
UNKNOWN = "outcome unknown"


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    deferred: int = 0       # not tried: the server was unreachable or refused our login
    unavailable: str = ""   # why, in the server's words

    def add(self, other: "DeliveryReport") -> "DeliveryReport":
        """Fold a later flush of the same run into this report; the later `deferred` stands."""
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.deferred = other.deferred
        self.unavailable = other.unavailable or self.unavailable
        return self


def deliver_due(runtime: Runtime, limit: int = 10_000) -> DeliveryReport:
    """Send every pending row whose time has come; a row left `sending` by a crash is resent once."""
    report = DeliveryReport()
    now = runtime.clock.now()
    with runtime.session() as session:
        due = session.exec(select(Outbox.id).where(
            Outbox.status.in_(WAITING),
            or_(Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= now),
        ).order_by(Outbox.id).limit(limit)).all()
    try:
        for row_id in due:
            if not _deliver_one(runtime, row_id, report):
                report.deferred = len(due) - report.sent - report.retrying - report.failed
                break
    finally:
        close = getattr(runtime.transport, "close", None)
        if close:
            close()                   # one SMTP session per flush, not one per message
    return report


def _already_resent(row: Outbox) -> bool:
    """A delivery of this row already ended without knowing whether the server kept it."""
    error = row.last_error or ""
    return error.startswith("resent") or UNKNOWN in error


def _not_suppressed(session, row: Outbox) -> list[str]:
    """The row's recipients minus the suppression list; a row left with none is marked `suppressed`."""
    blocked = suppressed_among(session, row.recipients)
    recipients = [address for address in row.recipients if str(address).strip().lower() not in blocked]
    if not recipients:
        row.status = OutboxStatus.SUPPRESSED
        row.last_error = "not sent: " + ", ".join(sorted(blocked)) + " bounced permanently (suppression list)"
        session.add(row)
    return recipients


def _deliver_one(runtime: Runtime, row_id: int, report: DeliveryReport) -> bool:
    """Deliver one row; False when the server is unavailable and the rest of the queue must wait."""
    settings = runtime.settings.outbox
    with runtime.session() as session:
        row = session.get(Outbox, row_id)
        if row is None or row.status not in WAITING:
            return True
        if row.status == OutboxStatus.SENDING and row.attempts >= 2 and _already_resent(row):
            row.status = OutboxStatus.FAILED
            row.last_error = "delivery outcome unknown twice; not sent again to avoid duplicates"
            session.add(row)
            session.commit()
            report.failed += 1
            return True
        recipients = _not_suppressed(session, row)
        if not recipients:
            session.commit()
            return True
        ambiguous_before = row.status == OutboxStatus.SENDING or _already_resent(row)
        if row.status == OutboxStatus.SENDING:
            # A previous run crashed between handing over and recording: the server may have it.
            row.last_error = "resent once after an interrupted delivery (same Message-ID)"
        row.status = OutboxStatus.SENDING
        row.attempts += 1
        session.add(row)
        session.commit()
        try:
            refused = runtime.transport.send(row.envelope_from, recipients, row.raw, row.message_id)
        except DeliveryUnavailable as err:
            # Nothing was handed over and this row is not to blame: the attempt does not count.
            note = f" (after an earlier {UNKNOWN})" if ambiguous_before else ""
            row.status, row.attempts, row.last_error = OutboxStatus.PENDING, row.attempts - 1, f"not sent yet: {err}{note}"
            report.unavailable = str(err)
            log.error("outbox: %s; the queue waits for the next flush", err)
            session.add(row)
            session.commit()
            return False
        except DeliveryOutcomeUnknown as err:
            if ambiguous_before:
                row.status = OutboxStatus.FAILED
                row.last_error = f"delivery {UNKNOWN} twice; not sent again to avoid duplicates: {err}"
                report.failed += 1
            else:
                row.status = OutboxStatus.PENDING
                row.last_error = f"{UNKNOWN}: {err}; resent once (same Message-ID)"
                row.next_attempt_at = runtime.clock.now() + timedelta(seconds=settings.backoff_seconds)
                report.retrying += 1
            log.warning("outbox %s: %s", row.key, err)
        except TransientDeliveryError as err:
            if row.attempts >= settings.max_attempts:
                row.status, row.last_error = OutboxStatus.FAILED, f"gave up after {row.attempts} attempts: {err}"
                report.failed += 1
            else:
                delay = settings.backoff_seconds * (2 ** (row.attempts - 1))
                note = f" (after an earlier {UNKNOWN})" if ambiguous_before else ""
                row.status, row.last_error = OutboxStatus.PENDING, f"{err}{note}"
                row.next_attempt_at = runtime.clock.now() + timedelta(seconds=delay)
                report.retrying += 1
            log.warning("outbox %s: %s", row.key, err)
        except PermanentDeliveryError as err:
            row.status, row.last_error = OutboxStatus.FAILED, str(err)
            report.failed += 1
            log.warning("outbox %s failed: %s", row.key, err)
        except Exception as err:  # the delivery boundary: one broken row must not stop the queue
            row.status = OutboxStatus.FAILED
            row.last_error = f"unexpected error, not retried: {type(err).__name__}: {err}"
            report.failed += 1
            log.exception("outbox %s failed unexpectedly", row.key)
        else:
            runtime.faults.hit("after_smtp_accepted")
            row.status, row.sent_at = OutboxStatus.SENT, runtime.clock.now()
            if refused:
                row.last_error = "refused: " + "; ".join(f"{addr}: {words}" for addr, words in refused.items())
            report.sent += 1
        session.add(row)
        session.commit()
    return True
