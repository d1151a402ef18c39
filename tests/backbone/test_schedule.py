"""The poll job and the IDLE watcher: news that comes while a poll runs is not left for the next interval."""
from __future__ import annotations

import pytest

from mailbot.errors import SourceUnavailable
from mailbot.schedule import PollRequests, poll_and_deliver
from mailbot.outbox.deliver import DeliveryReport
from mailbot.stopping import StopRequest
from mailbot.worker import PollReport


def _runtime():
    """All poll_and_deliver reads of the runtime when the poll and the flush are replaced."""
    from types import SimpleNamespace

    return SimpleNamespace(stop=StopRequest())


@pytest.fixture
def polls(monkeypatch):
    """Replace the real poll and outbox flush; returns the list of calls, and a hook run per poll."""
    calls: list[str] = []
    hooks: list = []

    def fake_poll(runtime, **_options):
        calls.append("poll")
        if hooks:
            hooks.pop(0)()
        return PollReport()

    monkeypatch.setattr("mailbot.schedule.poll_with_retries", fake_poll)
    monkeypatch.setattr("mailbot.schedule.deliver_due", lambda runtime: calls.append("deliver") or DeliveryReport())
    return calls, hooks


def test_news_during_a_poll_makes_it_poll_again(polls):
    calls, hooks = polls
    requests = PollRequests()
    hooks.append(requests.request)            # mail arrives while the first poll runs
    poll_and_deliver(_runtime(), requests)
    assert calls == ["poll", "deliver", "poll", "deliver"]
    assert not requests.pending() and not requests.polling()


def test_news_before_the_poll_is_taken_by_it(polls):
    calls, _hooks = polls
    requests = PollRequests()
    requests.request()                        # the watcher's wake-up that started this poll
    poll_and_deliver(_runtime(), requests)
    assert calls == ["poll", "deliver"] and not requests.pending()


def test_the_watcher_can_see_that_a_poll_runs(polls):
    calls, hooks = polls
    requests = PollRequests()
    seen = []
    hooks.append(lambda: seen.append(requests.polling()))
    poll_and_deliver(_runtime(), requests)
    assert seen == [True] and not requests.polling()


def test_an_unreachable_mailbox_does_not_loop(monkeypatch):
    requests = PollRequests()
    calls = []

    def failing_poll(runtime, **_options):
        calls.append("poll")
        requests.request()
        raise SourceUnavailable("connection refused")

    monkeypatch.setattr("mailbot.schedule.poll_with_retries", failing_poll)
    monkeypatch.setattr("mailbot.schedule.deliver_due", lambda runtime: calls.append("deliver") or DeliveryReport())
    poll_and_deliver(_runtime(), requests)
    assert calls == ["poll", "deliver"]
