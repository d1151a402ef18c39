"""One AckDecision per message, made by the acknowledge stage and written as it is by record."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from sqlmodel import select

from mailbot.consultation import LatePolicy
from mailbot.outbox.deliver import deliver_due
from mailbot.kinds import AckOutcome, AckPurpose
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


class _FirstContactSource(ListSource):
    """A ListSource whose messages were already there when mailbot first read the folder."""

    def __init__(self, raws, first_read_at, **kwargs):
        super().__init__(raws, **kwargs)
        self.first_read_at = first_read_at

    def fetch_new(self, seen):
        for fetched in super().fetch_new(seen):
            yield replace(fetched, first_read_at=self.first_read_at)


def test_backlog_is_held_and_stays_held_when_reprocessed(tmp_path):
    from mailbot.reprocess import reprocess_messages

    first_read = datetime(2020, 1, 12, 9, 0, tzinfo=timezone.utc)
    runtime = make_runtime(tmp_path, now=first_read)
    report = poll_once(runtime, _FirstContactSource([contribution(1)], first_read))   # received 10 Jan 09:00
    assert report.acks_held == 1 and report.acks_queued == 0
    (row,) = _rows(runtime, Outbox)
    assert row.status == "held"
    assert row.last_error == ("arrived 2020-01-10 10:00 CET, before mailbot first read this folder on "
                              "2020-01-12 10:00 CET")
    reprocess_messages(runtime, None)
    (row,) = _rows(runtime, Outbox)
    (message,) = _rows(runtime, Message)
    assert row.status == "held" and message.ack_decision.startswith("held ack: arrived 2020-01-10 10:00 CET")
    assert runtime.transport.sent == []


def test_young_mail_already_there_is_answered(tmp_path):
    first_read = datetime(2020, 1, 10, 20, 0, tzinfo=timezone.utc)                  # 11 hours after arrival
    runtime = make_runtime(tmp_path, now=first_read)
    report = poll_once(runtime, _FirstContactSource([contribution(1)], first_read))
    assert report.acks_queued == 1 and report.acks_held == 0
