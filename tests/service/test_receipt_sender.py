"""The receipt sender: the register's part of each delivery in the poll's thread, the SMTP handoff on
its own thread, one row in flight, its outcome recorded before the next is handed over."""
from __future__ import annotations

import threading

import pytest

from mailbot import worker
from mailbot.errors import DeliveryUnavailable
from tests.service.outbox_register import delivery_runtime, register_with_three_acks, statuses


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
    engine = register_with_three_acks(tmp_path / "state")
    made = delivery_runtime(engine, SlowTransport())
    yield made
    engine.dispose()


def test_one_row_in_flight_and_recorded_before_the_next(runtime):
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()
    assert statuses(runtime.engine) == ["sending", "pending", "pending"]   # claimed, committed, then handed over
    sender.nudge()                                                    # still in flight: nothing more
    assert statuses(runtime.engine) == ["sending", "pending", "pending"]
    runtime.transport.gate.release()
    sender._done.wait(10)
    sender.nudge()                      # records the first, hands over the second
    assert statuses(runtime.engine) == ["sent", "sending", "pending"]
    runtime.transport.gate.release()
    runtime.transport.gate.release()
    sender.idle()                       # before a wait: everything due goes
    assert statuses(runtime.engine) == ["sent", "sent", "sent"]
    assert sender.sent == 3 and runtime.stop.tally.receipts_sent == 3
    sender.close()
    assert runtime.transport.closed == 1 and runtime.transport.sent == ["<m0@itu.int>", "<m1@itu.int>", "<m2@itu.int>"]


def test_close_waits_for_the_handoff_under_way_and_leaves_the_rest(runtime):
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()
    runtime.transport.gate.release()
    sender.close()
    assert statuses(runtime.engine) == ["sent", "pending", "pending"]      # the rest: the poll's final flush


def test_off_when_the_burst_guard_may_hold_the_run(runtime):
    sender = worker.ReceiptSender(runtime, lambda: False)
    sender.nudge()
    sender.idle()
    sender.close()
    assert statuses(runtime.engine) == ["pending", "pending", "pending"] and runtime.transport.closed == 0


def test_an_unavailable_server_stops_delivery_until_the_poll_ends(runtime):
    runtime.transport = SlowTransport(fail=DeliveryUnavailable("connection refused"))
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()
    runtime.transport.gate.release()
    sender.idle()
    assert statuses(runtime.engine) == ["pending", "pending", "pending"]   # put back, attempt not counted
    sender.nudge()
    assert statuses(runtime.engine) == ["pending", "pending", "pending"]
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
    assert statuses(runtime.engine) == ["sending", "pending", "pending"]   # resent once at the next run, said so
