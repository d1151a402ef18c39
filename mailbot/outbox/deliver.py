"""Stage `notify`: deliver due outbox rows and mark them, so each side effect happens once."""
from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from dataclasses import dataclass
from datetime import timedelta

from mailbot.errors import (DeliveryOutcomeUnknown, DeliveryUnavailable, PermanentDeliveryError,
                            TransientDeliveryError)
from mailbot.kinds import WAITING, OutboxStatus
from mailbot.outbox.steps import Due, OutboxSteps
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
    # One connection for the whole flush, its statements written once (`OutboxSteps`): an ORM
    # session per row (get, setattr, flush) cost more than the SMTP handoff itself.
    with runtime.engine.connect() as connection:
        steps = OutboxSteps(connection)
        due = steps.due_ids(now, limit)
        try:
            for row_id in due:
                if not _deliver_one(runtime, steps, row_id, report):
                    report.deferred = len(due) - report.sent - report.retrying - report.failed
                    break
        finally:
            try:
                steps.end()                   # the last outcome
            finally:
                close = getattr(runtime.transport, "close", None)
                if close:
                    close()                   # one SMTP session per flush, not one per message
    return report


def _already_resent(row: Due) -> bool:
    """A delivery of this row already ended without knowing whether the server kept it."""
    error = row.last_error or ""
    return error.startswith("resent") or UNKNOWN in error


def _not_suppressed(steps: OutboxSteps, row: Due) -> list[str]:
    """The row's recipients minus the suppression list; a row left with none is marked `suppressed`."""
    if not row.any_suppressed:            # read with the row: nobody is on the list
        return list(row.recipients)
    blocked = suppressed_among(steps.connection, row.recipients)
    recipients = [address for address in row.recipients if str(address).strip().lower() not in blocked]
    if not recipients:
        steps.write(row.id, status=OutboxStatus.SUPPRESSED, last_error="not sent: " + ", ".join(sorted(blocked))
                    + " bounced permanently (suppression list)")
    return recipients


@dataclass
class Claimed:
    """A row marked `sending` (committed) and ready to hand to the transport."""
    row: Due
    recipients: list[str]
    ambiguous_before: bool       # an earlier delivery of it ended without knowing the outcome


def _deliver_one(runtime: Runtime, steps: OutboxSteps, row_id: int, report: DeliveryReport) -> bool:
    """Deliver one row; False when the server is unavailable and the rest of the queue must wait."""
    row = steps.load(row_id)
    claimed = claim(steps, row, report) if row is not None else None
    if claimed is None:
        return True
    outcome, server_available = send_claimed(runtime, claimed, report)
    record_outcome(steps, claimed, outcome)
    return server_available


def claim_next(steps: OutboxSteps, now, after_id: int, report: DeliveryReport) -> tuple[Claimed | None, int]:
    """Claim the first row due at `now` past `after_id` that has something to send (each row is
    tried once a flush): it and the id to go on after. With none, the step's writes are committed."""
    while (row := steps.next_due(now, after_id)) is not None:
        after_id = row.id
        claimed = claim(steps, row, report)
        if claimed is not None:
            return claimed, after_id
    steps.end()
    return None, after_id


def claim(steps: OutboxSteps, row: Due, report: DeliveryReport) -> Claimed | None:
    """Mark the row `sending` and commit, before any byte leaves (a crash after the handoff then
    shows as `sending`: resent once, said so); the commit also makes the step's earlier writes (the
    last row's outcome) durable. None when there is nothing to send (not waiting, failed twice
    before, or every recipient suppressed: each written, committed with the step)."""
    if row.status not in WAITING:
        return None
    if row.status == OutboxStatus.SENDING and row.attempts >= 2 and _already_resent(row):
        steps.write(row.id, status=OutboxStatus.FAILED,
                    last_error="delivery outcome unknown twice; not sent again to avoid duplicates")
        report.failed += 1
        return None
    recipients = _not_suppressed(steps, row)
    if not recipients:
        return None
    ambiguous_before = row.status == OutboxStatus.SENDING or _already_resent(row)
    if row.status == OutboxStatus.SENDING:
        # A previous run crashed between handing over and recording: the server may have it.
        row.last_error = "resent once after an interrupted delivery (same Message-ID)"
    row.attempts += 1
    steps.write(row.id, status=OutboxStatus.SENDING, attempts=row.attempts, last_error=row.last_error)
    steps.commit()
    return Claimed(row, recipients, ambiguous_before)


def record_outcome(steps: OutboxSteps, claimed: Claimed, outcome: dict) -> None:
    """Write what the handoff ended in. Committed with the next claim, before that row is handed
    over, or by `steps.end()` when no row follows: either way before anything else leaves."""
    steps.write(claimed.row.id, **outcome)


def send_claimed(runtime: Runtime, claimed: Claimed, report: DeliveryReport) -> tuple[dict, bool]:
    """Hand a claimed row to the transport (no register access: may run on another thread): the
    columns to write after, and False when the server is unavailable (the row is put back as it
    was and the rest of the queue waits)."""
    settings = runtime.settings.outbox
    row, ambiguous_before = claimed.row, claimed.ambiguous_before
    try:
        refused = runtime.transport.send(row.envelope_from, claimed.recipients, row.raw, row.message_id)
    except DeliveryUnavailable as err:
        # Nothing was handed over and this row is not to blame: the attempt does not count.
        note = f" (after an earlier {UNKNOWN})" if ambiguous_before else ""
        report.unavailable = str(err)
        log.error("outbox: %s; the queue waits for the next flush", err)
        return {"status": OutboxStatus.PENDING, "attempts": row.attempts - 1,
                "last_error": f"not sent yet: {err}{note}"}, False
    except DeliveryOutcomeUnknown as err:
        log.warning("outbox %s: %s", row.key, err)
        if ambiguous_before:
            report.failed += 1
            return {"status": OutboxStatus.FAILED,
                    "last_error": f"delivery {UNKNOWN} twice; not sent again to avoid duplicates: {err}"}, True
        report.retrying += 1
        return {"status": OutboxStatus.PENDING, "last_error": f"{UNKNOWN}: {err}; resent once (same Message-ID)",
                "next_attempt_at": runtime.clock.now() + timedelta(seconds=settings.backoff_seconds)}, True
    except TransientDeliveryError as err:
        log.warning("outbox %s: %s", row.key, err)
        if row.attempts >= settings.max_attempts:
            report.failed += 1
            return {"status": OutboxStatus.FAILED, "last_error": f"gave up after {row.attempts} attempts: {err}"}, True
        delay = settings.backoff_seconds * (2 ** (row.attempts - 1))
        note = f" (after an earlier {UNKNOWN})" if ambiguous_before else ""
        report.retrying += 1
        return {"status": OutboxStatus.PENDING, "last_error": f"{err}{note}",
                "next_attempt_at": runtime.clock.now() + timedelta(seconds=delay)}, True
    except PermanentDeliveryError as err:
        report.failed += 1
        log.warning("outbox %s failed: %s", row.key, err)
        return {"status": OutboxStatus.FAILED, "last_error": str(err)}, True
    except Exception as err:  # the delivery boundary: one broken row must not stop the queue
        report.failed += 1
        log.exception("outbox %s failed unexpectedly", row.key)
        return {"status": OutboxStatus.FAILED,
                "last_error": f"unexpected error, not retried: {type(err).__name__}: {err}"}, True
    runtime.faults.hit("after_smtp_accepted")
    report.sent += 1
    outcome: dict = {"status": OutboxStatus.SENT, "sent_at": runtime.clock.now()}
    if refused:
        outcome["last_error"] = "refused: " + "; ".join(f"{addr}: {words}" for addr, words in refused.items())
    return outcome, True
