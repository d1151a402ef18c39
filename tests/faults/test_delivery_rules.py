"""The delivery rules behind the SMTP fault tests, without servers: which failure spends an attempt,
which stops the queue, and when a row is never sent again."""
from __future__ import annotations

from sqlmodel import select

from mailbot.errors import DeliveryOutcomeUnknown, DeliveryUnavailable
from mailbot.outbox.deliver import deliver_due
from mailbot.store.models import Outbox
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime


class Scripted:
    """Answers each send with the next outcome: an exception to raise, or None to accept."""

    def __init__(self, *outcomes):
        self.outcomes, self.calls = list(outcomes), []

    def send(self, envelope_from, recipients, raw, message_id):
        self.calls.append(message_id)
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome:
            raise outcome
        return {}


def _rows(runtime) -> list[Outbox]:
    with runtime.session() as session:
        return list(session.exec(select(Outbox).order_by(Outbox.id)).all())


def _runtime(tmp_path, count: int, *outcomes):
    runtime = make_runtime(tmp_path, MAILBOT_OUTBOX_BACKOFF_SECONDS=0)
    poll_once(runtime, ListSource([contribution(n, sender=f"focal{n}@mfa.gov.ke", with_docx=False)
                                   for n in range(count)]))
    runtime.transport = Scripted(*outcomes)
    return runtime


def test_an_unavailable_server_stops_the_pass_and_spends_no_attempt(tmp_path):
    runtime = _runtime(tmp_path, 3, DeliveryUnavailable("SMTP login refused: 535 bad credentials"))
    report = deliver_due(runtime)
    assert len(runtime.transport.calls) == 1                  # the other two were not even tried
    assert report.deferred == 3 and "535" in report.unavailable
    assert [(row.status, row.attempts) for row in _rows(runtime)] == [("pending", 0)] * 3
    assert deliver_due(runtime).sent == 3                      # the server is back: all go


def test_an_unexpected_error_fails_that_row_only(tmp_path):
    runtime = _runtime(tmp_path, 2, UnicodeEncodeError("ascii", "é", 0, 1, "not ASCII"))
    report = deliver_due(runtime)
    assert report.failed == 1 and report.sent == 1
    first, second = _rows(runtime)
    assert first.status == "failed" and "UnicodeEncodeError" in first.last_error
    assert second.status == "sent"


def test_an_unknown_outcome_is_resent_once_then_never_again(tmp_path):
    runtime = _runtime(tmp_path, 1, DeliveryOutcomeUnknown("connection lost"), DeliveryOutcomeUnknown("lost again"))
    deliver_due(runtime)
    (row,) = _rows(runtime)
    assert row.status == "pending" and "outcome unknown" in row.last_error
    deliver_due(runtime)
    deliver_due(runtime)
    (row,) = _rows(runtime)
    assert row.status == "failed" and "not sent again" in row.last_error
    assert len(runtime.transport.calls) == 2 and len(set(runtime.transport.calls)) == 1   # same Message-ID
