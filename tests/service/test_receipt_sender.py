"""The receipt sender delivers in the poll's own thread: every FLUSH_EVERY commits, before a wait, never when off."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from mailbot import worker
from mailbot.outbox.deliver import DeliveryReport
from mailbot.stopping import StopRequest


@pytest.fixture
def flushes(monkeypatch):
    """Each call of deliver_due, answered with what the test puts in `answers` (default: 2 sent)."""
    calls: list[int] = []
    answers: list[DeliveryReport] = []

    def deliver_due(_runtime):
        calls.append(1)
        return answers.pop(0) if answers else DeliveryReport(sent=2)

    monkeypatch.setattr(worker, "deliver_due", deliver_due)
    return SimpleNamespace(calls=calls, answers=answers)


def _sender(may_send=True):
    runtime = SimpleNamespace(stop=StopRequest(5.0))
    sender = worker.ReceiptSender(runtime, lambda: may_send)
    return sender, runtime


def test_delivers_once_every_flush_every_commits(flushes, monkeypatch):
    monkeypatch.setattr(worker.ReceiptSender, "FLUSH_SECONDS", 3600.0)
    sender, runtime = _sender()
    for _ in range(worker.ReceiptSender.FLUSH_EVERY - 1):
        sender.nudge()
    assert flushes.calls == []
    sender.nudge()
    assert len(flushes.calls) == 1
    assert sender.sent == 2 and runtime.stop.tally.receipts_sent == 2


def test_delivers_what_is_committed_before_the_poll_waits(flushes, monkeypatch):
    monkeypatch.setattr(worker.ReceiptSender, "FLUSH_SECONDS", 3600.0)
    sender, _runtime = _sender()
    sender.idle()                      # nothing committed yet: no flush for nothing
    assert flushes.calls == []
    sender.nudge()
    sender.idle()
    assert len(flushes.calls) == 1


def test_a_commit_long_after_the_last_flush_delivers_at_once(flushes, monkeypatch):
    monkeypatch.setattr(worker.ReceiptSender, "FLUSH_SECONDS", 0.0)
    sender, _runtime = _sender()
    sender.nudge()
    assert len(flushes.calls) == 1


def test_off_when_the_burst_guard_may_hold_the_run(flushes, monkeypatch):
    monkeypatch.setattr(worker.ReceiptSender, "FLUSH_SECONDS", 0.0)
    sender, _runtime = _sender(may_send=False)
    for _ in range(40):
        sender.nudge()
    sender.idle()
    assert flushes.calls == [] and sender.sent == 0


def test_an_unavailable_server_stops_delivery_until_the_poll_ends(flushes, monkeypatch):
    monkeypatch.setattr(worker.ReceiptSender, "FLUSH_SECONDS", 0.0)
    flushes.answers.append(DeliveryReport(deferred=5, unavailable="connection refused"))
    sender, _runtime = _sender()
    sender.nudge()
    sender.nudge()
    sender.idle()
    assert len(flushes.calls) == 1 and sender.sent == 0


def test_closed_it_leaves_the_rest_to_the_final_flush(flushes, monkeypatch):
    monkeypatch.setattr(worker.ReceiptSender, "FLUSH_SECONDS", 0.0)
    sender, _runtime = _sender()
    sender.close()
    sender.nudge()
    sender.idle()
    assert flushes.calls == []
