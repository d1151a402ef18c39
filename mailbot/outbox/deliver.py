"""Stage `notify`: deliver due outbox rows and mark them, so each side effect happens once."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import or_, select

from mailbot.errors import PermanentDeliveryError, TransientDeliveryError
from mailbot.store.models import Outbox

log = logging.getLogger("mailbot.outbox")


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(runtime, limit: int = 10_000) -> DeliveryReport:
    """Send every pending row whose time has come; a row left `sending` by a crash is resent once."""
    report = DeliveryReport()
    now = runtime.clock.now()
    with runtime.session() as session:
        due = session.exec(select(Outbox.id).where(
            Outbox.status.in_(("pending", "sending")),
            or_(Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= now),
        ).order_by(Outbox.id).limit(limit)).all()
    for row_id in due:
        _deliver_one(runtime, row_id, report)
    return report


def _deliver_one(runtime, row_id: int, report: DeliveryReport) -> None:
    settings = runtime.settings.outbox
    with runtime.session() as session:
        row = session.get(Outbox, row_id)
        if row is None or row.status not in ("pending", "sending"):
            return
        if row.status == "sending" and row.attempts >= 2 and (row.last_error or "").startswith("resent"):
            row.status = "failed"
            row.last_error = "delivery outcome unknown twice; not sent again to avoid duplicates"
            session.add(row)
            session.commit()
            report.failed += 1
            return
        if row.status == "sending":
            # A previous run crashed between handing over and recording: the server may have it.
            row.last_error = "resent once after an interrupted delivery (same Message-ID)"
        row.status = "sending"
        row.attempts += 1
        session.add(row)
        session.commit()
        try:
            refused = runtime.transport.send(row.envelope_from, list(row.recipients), row.raw, row.message_id)
        except TransientDeliveryError as err:
            if row.attempts >= settings.max_attempts:
                row.status, row.last_error = "failed", f"gave up after {row.attempts} attempts: {err}"
                report.failed += 1
            else:
                delay = settings.backoff_seconds * (2 ** (row.attempts - 1))
                row.status, row.last_error = "pending", str(err)
                row.next_attempt_at = runtime.clock.now() + timedelta(seconds=delay)
                report.retrying += 1
            log.warning("outbox %s: %s", row.key, err)
        except PermanentDeliveryError as err:
            row.status, row.last_error = "failed", str(err)
            report.failed += 1
            log.warning("outbox %s failed: %s", row.key, err)
        else:
            runtime.faults.hit("after_smtp_accepted")
            row.status, row.sent_at = "sent", runtime.clock.now()
            if refused:
                row.last_error = "refused: " + "; ".join(f"{addr}: {words}" for addr, words in refused.items())
            report.sent += 1
        session.add(row)
        session.commit()
