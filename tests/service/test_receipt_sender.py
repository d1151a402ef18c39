"""The receipt sender: the register's part of each delivery in the poll's thread, the SMTP handoff on
its own thread, one row in flight, its outcome recorded before the next is handed over."""
from __future__ import annotations

import threading
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from sqlmodel import Session, select

from mailbot import worker
from mailbot.errors import DeliveryUnavailable
from mailbot.kinds import OutboxStatus
from mailbot.stopping import StopRequest
from mailbot.store.db import open_engine
from mailbot.store.models import Outbox

NOW = datetime(2020, 1, 10, 9, 0, tzinfo=timezone.utc)


class SlowTransport:
    """Holds each handoff until the test lets it go; records what it sent and when it was closed."""

    def __init__(self, fail: Exception | None = None):
        self.sent: list[str] = []
        self.closed = 0
        self.fail = fail
        self.gate = threading.Semaphore(0)

    def send(self, envelope_from, recipients, raw, message_id):
        self.gate.acquire(timeout=10)
        if self.fail:
            raise self.fail
        self.sent.append(message_id)
        return {}

    def close(self):
        self.closed += 1


@pytest.fixture
def runtime(tmp_path):
    engine = open_engine(tmp_path / "state")
    with Session(engine) as session:
        for number in range(3):
            session.add(Outbox(key=f"ack-{number}", purpose="ack", recipients=[f"fp{number}@gov.example"],
                               envelope_from="contributions@itu.int", message_id=f"<m{number}@itu.int>",
                               subject="Received", language="en", raw=b"Subject: x\r\n\r\nx\r\n",
                               status=OutboxStatus.PENDING, attempts=0, created_at=NOW))
        session.commit()
    made = SimpleNamespace(engine=engine, clock=SimpleNamespace(now=lambda: NOW), stop=StopRequest(5.0),
                           transport=SlowTransport(), faults=SimpleNamespace(hit=lambda _name: None),
                           settings=SimpleNamespace(outbox=SimpleNamespace(backoff_seconds=60, max_attempts=5)))
    yield made
    engine.dispose()


def _statuses(runtime) -> list[str]:
    with Session(runtime.engine) as session:
        return [row.status for row in session.exec(select(Outbox).order_by(Outbox.id))]


def test_one_row_in_flight_and_recorded_before_the_next(runtime):
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()
    assert _statuses(runtime) == ["sending", "pending", "pending"]   # claimed, committed, then handed over
    sender.nudge()                                                    # still in flight: nothing more
    assert _statuses(runtime) == ["sending", "pending", "pending"]
    runtime.transport.gate.release()
    sender._done.wait(10)
    sender.nudge()                      # records the first, hands over the second
    assert _statuses(runtime) == ["sent", "sending", "pending"]
    runtime.transport.gate.release()
    runtime.transport.gate.release()
    sender.idle()                       # before a wait: everything due goes
    assert _statuses(runtime) == ["sent", "sent", "sent"]
    assert sender.sent == 3 and runtime.stop.tally.receipts_sent == 3
    sender.close()
    assert runtime.transport.closed == 1 and runtime.transport.sent == ["<m0@itu.int>", "<m1@itu.int>", "<m2@itu.int>"]


def test_close_waits_for_the_handoff_under_way_and_leaves_the_rest(runtime):
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()
    runtime.transport.gate.release()
    sender.close()
    assert _statuses(runtime) == ["sent", "pending", "pending"]      # the rest: the poll's final flush


def test_off_when_the_burst_guard_may_hold_the_run(runtime):
    sender = worker.ReceiptSender(runtime, lambda: False)
    sender.nudge()
    sender.idle()
    sender.close()
    assert _statuses(runtime) == ["pending", "pending", "pending"] and runtime.transport.closed == 0


def test_an_unavailable_server_stops_delivery_until_the_poll_ends(runtime):
    runtime.transport = SlowTransport(fail=DeliveryUnavailable("connection refused"))
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()
    runtime.transport.gate.release()
    sender.idle()
    assert _statuses(runtime) == ["pending", "pending", "pending"]   # put back, attempt not counted
    sender.nudge()
    assert _statuses(runtime) == ["pending", "pending", "pending"]
    sender.close()


def test_a_crash_in_the_handoff_is_raised_in_the_poll_and_leaves_the_row_sending(runtime):
    runtime.transport = SlowTransport(fail=KeyboardInterrupt())
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()
    runtime.transport.gate.release()
    sender._done.wait(10)
    with pytest.raises(KeyboardInterrupt):
        sender.nudge()
    sender.close()
    assert _statuses(runtime) == ["sending", "pending", "pending"]   # resent once at the next run, said so
