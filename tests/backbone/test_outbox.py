"""Delivery semantics of the transactional outbox: retry 4xx, record 5xx, resend at most once."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from mailbot.errors import PermanentDeliveryError, TransientDeliveryError
from mailbot.outbox.deliver import deliver_due
from mailbot.store.models import Outbox
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime


class ScriptedTransport:
    """Answers each send with the next scripted outcome (an exception or None)."""

    def __init__(self, outcomes):
        self.outcomes = list(outcomes)
        self.calls = []

    def send(self, envelope_from, recipients, raw, message_id):
        self.calls.append(message_id)
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome:
            raise outcome
        return {}


def _row(runtime) -> Outbox:
    with runtime.session() as session:
        return session.exec(select(Outbox)).one()


def test_transient_failure_is_retried_with_backoff_then_sent(tmp_path):
    runtime = make_runtime(tmp_path, MAILBOT_OUTBOX_BACKOFF_SECONDS=60)
    runtime.transport = ScriptedTransport([TransientDeliveryError("server said 451 try later")])
    poll_once(runtime, ListSource([contribution(1)]))
    first = deliver_due(runtime)
    row = _row(runtime)
    assert first.retrying == 1 and row.status == "pending" and "451" in row.last_error
    assert row.next_attempt_at == runtime.clock.now() + timedelta(seconds=60)
    assert deliver_due(runtime).sent == 0          # not due yet
    runtime.clock.advance_to(runtime.clock.now() + timedelta(seconds=61))
    assert deliver_due(runtime).sent == 1
    assert _row(runtime).status == "sent" and len(runtime.transport.calls) == 2


def test_permanent_failure_is_recorded_with_the_server_words_and_not_retried(tmp_path):
    runtime = make_runtime(tmp_path)
    runtime.transport = ScriptedTransport([PermanentDeliveryError("server said 550 5.1.1 no such user")])
    poll_once(runtime, ListSource([contribution(1)]))
    report = deliver_due(runtime)
    runtime.clock.advance_to(runtime.clock.now() + timedelta(days=1))
    deliver_due(runtime)
    row = _row(runtime)
    assert report.failed == 1 and row.status == "failed" and "550 5.1.1 no such user" in row.last_error
    assert len(runtime.transport.calls) == 1


def test_gives_up_after_max_attempts(tmp_path):
    runtime = make_runtime(tmp_path, MAILBOT_OUTBOX_MAX_ATTEMPTS=2, MAILBOT_OUTBOX_BACKOFF_SECONDS=0)
    runtime.transport = ScriptedTransport([TransientDeliveryError("421 busy")] * 5)
    poll_once(runtime, ListSource([contribution(1)]))
    deliver_due(runtime)
    deliver_due(runtime)
    deliver_due(runtime)
    row = _row(runtime)
    assert row.status == "failed" and "gave up after 2 attempts" in row.last_error
    assert len(runtime.transport.calls) == 2


def test_interrupted_delivery_is_resent_once_with_the_same_message_id(tmp_path):
    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1)]))
    with runtime.session() as session:             # as a crash between accept and "sent" leaves it
        row = session.exec(select(Outbox)).one()
        row.status, row.attempts = "sending", 1
        session.add(row)
        session.commit()
    deliver_due(runtime)
    row = _row(runtime)
    assert row.status == "sent" and row.attempts == 2 and "resent once" in row.last_error
    sent_ids = [raw for _from, _to, raw in runtime.transport.sent]
    assert len(sent_ids) == 1 and row.message_id.encode() in sent_ids[0]


def test_a_second_interruption_is_not_resent_again(tmp_path):
    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1)]))
    with runtime.session() as session:
        row = session.exec(select(Outbox)).one()
        row.status, row.attempts, row.last_error = "sending", 2, "resent once after an interrupted delivery"
        session.add(row)
        session.commit()
    report = deliver_due(runtime)
    assert report.failed == 1 and runtime.transport.sent == []
    assert "not sent again" in _row(runtime).last_error


def test_outgoing_ack_carries_loop_protection_headers(tmp_path):
    from email import message_from_bytes, policy

    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1)]))
    deliver_due(runtime)
    mail = message_from_bytes(runtime.transport.sent[0][2], policy=policy.default)
    assert mail["Auto-Submitted"] == "auto-replied"
    assert mail["X-Auto-Response-Suppress"] == "All"
    assert mail["X-Mailbot-Loop"] == "mailbot.itu.int"
    assert mail["Message-ID"].endswith("@mailbot.itu.int>")
    assert mail["In-Reply-To"] == "<contribution-1@mfa.gov.ke>"


def test_smtp_bytes_always_have_crlf_line_ends():
    from mailbot.outbox.transports import to_crlf

    assert to_crlf(b"a\nb\r\nc\rd\n") == b"a\r\nb\r\nc\r\nd\r\n"
