"""One AckDecision per message, made by the acknowledge stage and written as it is by record."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import select

from mailbot.consultation import LatePolicy
from mailbot.outbox.deliver import deliver_due
from mailbot.pipeline.decision import AckOutcome, AckPurpose
from mailbot.store.models import Message, Outbox
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime

AFTER_DEADLINE = datetime(2020, 1, 20, 9, 0, tzinfo=timezone.utc)


def _rows(runtime, table):
    with runtime.session() as session:
        return session.exec(select(table)).all()


def _late_run(tmp_path, policy: str):
    runtime = make_runtime(tmp_path, now=AFTER_DEADLINE)
    runtime.consultation = runtime.consultation.model_copy(update={"late": LatePolicy(policy=policy)})
    items = []
    poll_once(runtime, ListSource([contribution(1)], received_at=AFTER_DEADLINE), on_message=items.append)
    return runtime, items[0]


def test_late_mail_under_the_accept_policy_gets_the_ordinary_acknowledgement(tmp_path):
    runtime, item = _late_run(tmp_path, "accept")
    assert item.late and item.ack.outcome is AckOutcome.SEND and item.ack.purpose is AckPurpose.ACK
    (row,) = _rows(runtime, Outbox)
    assert row.purpose == "ack"                      # not `late_ack`: the row says what is sent
    (message,) = _rows(runtime, Message)
    assert message.late and message.ack_decision.startswith("send ack: received after the deadline")


def test_late_mail_under_the_flag_policy_gets_the_late_acknowledgement(tmp_path):
    runtime, item = _late_run(tmp_path, "accept_and_flag")
    assert item.ack.purpose is AckPurpose.LATE_ACK
    assert [row.purpose for row in _rows(runtime, Outbox)] == ["late_ack"]
    assert any(hit.stage == "acknowledge" and hit.rule == "ack" for hit in item.trail)


def test_no_acknowledgement_says_why_in_the_register(tmp_path):
    runtime = make_runtime(tmp_path, MAILBOT_ACK_ENABLED="false")
    items = []
    poll_once(runtime, ListSource([contribution(1)]), on_message=items.append)
    assert items[0].ack.outcome is AckOutcome.NONE
    (message,) = _rows(runtime, Message)
    assert message.ack_decision == "none: acknowledgements are switched off"
    assert message.ack_suppressed_reason == "acknowledgements are switched off"
    assert _rows(runtime, Outbox) == []


def test_burst_guard_holds_every_acknowledgement_of_the_run(tmp_path):
    runtime = make_runtime(tmp_path, MAILBOT_ACK_MAX_PER_RUN="2")
    senders = [f"focal{n}@mfa.gov.ke" for n in range(3)]
    report = poll_once(runtime, ListSource([contribution(n, sender=s) for n, s in enumerate(senders)]))
    assert report.acks_queued == 0 and report.acks_held == 3
    assert report.burst.startswith("3 acknowledgements in one run, more than max_per_run = 2")
    assert {row.status for row in _rows(runtime, Outbox)} == {"held"}
    assert deliver_due(runtime).sent == 0


def test_a_run_at_the_limit_sends(tmp_path):
    runtime = make_runtime(tmp_path, MAILBOT_ACK_MAX_PER_RUN="2")
    senders = [f"focal{n}@mfa.gov.ke" for n in range(2)]
    report = poll_once(runtime, ListSource([contribution(n, sender=s) for n, s in enumerate(senders)]))
    assert report.acks_queued == 2 and not report.burst
    assert deliver_due(runtime).sent == 2
