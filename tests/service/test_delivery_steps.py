"""The register's side of each delivery (`OutboxSteps`): what is durable when, the suppression list
read at every step (an address added mid-poll is honoured), and a crash before a step's commit."""
from __future__ import annotations

import threading
from datetime import timedelta, timezone
from types import SimpleNamespace

import pytest
from sqlmodel import Session, select

from mailbot import worker
from mailbot.errors import TransientDeliveryError
from mailbot.kinds import OutboxStatus
from mailbot.outbox.deliver import Claimed, DeliveryReport, claim_next, deliver_due, record_outcome
from mailbot.outbox.steps import OutboxSteps
from mailbot.store.models import Outbox
from mailbot.store.suppression import remove, suppress
from tests.service.outbox_register import NOW, delivery_runtime, register_with_three_acks, statuses


class WatchingTransport:
    """At each handoff, notes every row's status as another connection sees it (what a crash at that
    moment would leave); `gate` holds the handoff until the test lets it go."""

    def __init__(self, engine, gated: bool = False, fail: Exception | None = None):
        self.engine, self.gated, self.fail = engine, gated, fail
        self.seen: list[tuple[str, list[str]]] = []
        self.recipients: list[list[str]] = []
        self.gate = threading.Semaphore(0)

    def send(self, envelope_from, recipients, raw, message_id):
        self.seen.append((message_id, statuses(self.engine)))
        self.recipients.append(list(recipients))
        if self.gated:
            self.gate.acquire(timeout=10)
        if self.fail:
            raise self.fail
        return {}

    def close(self):
        pass


@pytest.fixture
def runtime(tmp_path):
    engine = register_with_three_acks(tmp_path / "state", recipient="FP{number}@gov.example", next_attempt_at=NOW)
    made = delivery_runtime(engine, WatchingTransport(engine))
    yield made
    engine.dispose()


def _suppress(engine, address: str) -> None:
    with Session(engine) as session:
        suppress(session, address, bounced_at=NOW, status="5.1.1", diagnostic="no such user", message_pk=None)
        session.commit()


def test_a_row_with_one_suppressed_recipient_goes_to_the_others(runtime):
    with Session(runtime.engine) as session:
        row = session.exec(select(Outbox).where(Outbox.key == "ack-2")).one()
        row.recipients = ["FP2@gov.example", "deputy@gov.example"]
        session.add(row)
        session.commit()
    _suppress(runtime.engine, "fp2@gov.example")
    assert deliver_due(runtime).sent == 3
    assert runtime.transport.recipients == [["FP0@gov.example"], ["FP1@gov.example"], ["deputy@gov.example"]]


def test_the_flush_commits_each_claim_before_its_handoff_and_each_outcome_before_the_next(runtime):
    report = deliver_due(runtime)
    assert report.sent == 3 and statuses(runtime.engine) == ["sent", "sent", "sent"]
    assert runtime.transport.seen == [("<m0@itu.int>", ["sending", "pending", "pending"]),
                                      ("<m1@itu.int>", ["sent", "sending", "pending"]),
                                      ("<m2@itu.int>", ["sent", "sent", "sending"])]


def test_the_poll_commits_each_claim_before_its_handoff_and_each_outcome_before_the_next(runtime):
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()
    sender.idle()
    sender.close()
    assert statuses(runtime.engine) == ["sent", "sent", "sent"]
    assert [statuses for _mid, statuses in runtime.transport.seen] == [
        ["sending", "pending", "pending"], ["sent", "sending", "pending"], ["sent", "sent", "sending"]]


def test_an_address_suppressed_mid_poll_is_not_written_to(runtime):
    runtime.transport = WatchingTransport(runtime.engine, gated=True)
    sender = worker.ReceiptSender(runtime, lambda: True)
    sender.nudge()                                    # the first row is in flight
    _suppress(runtime.engine, "fp1@gov.example")      # a bounce the poll has just committed
    runtime.transport.gate.release()
    runtime.transport.gate.release()
    sender.idle()
    sender.close()
    assert statuses(runtime.engine) == ["sent", "suppressed", "sent"]
    assert [mid for mid, _statuses_then in runtime.transport.seen] == ["<m0@itu.int>", "<m2@itu.int>"]
    with Session(runtime.engine) as session:
        row = session.exec(select(Outbox).where(Outbox.key == "ack-1")).one()
    assert row.attempts == 0 and "fp1@gov.example bounced permanently" in row.last_error


def test_a_removed_suppression_no_longer_holds_mail(runtime):
    _suppress(runtime.engine, "fp0@gov.example")
    with Session(runtime.engine) as session:
        remove(session, "FP0@gov.example", at=NOW + timedelta(seconds=1), note="the focal point answered")
        session.commit()
    _suppress(runtime.engine, "someone.else@gov.example")      # the list is not empty: each row is checked
    assert deliver_due(runtime).sent == 3
    assert statuses(runtime.engine) == ["sent", "sent", "sent"]


def test_an_outcome_not_committed_at_a_crash_leaves_its_row_to_be_resent_once(runtime):
    with runtime.engine.connect() as connection:
        steps = OutboxSteps(connection)
        claimed, _after = claim_next(steps, NOW, 0, DeliveryReport())
        assert isinstance(claimed, Claimed)
        record_outcome(steps, claimed, {"status": OutboxStatus.SENT, "sent_at": NOW})
        # The process dies here, before the next claim's commit: the connection goes without one.
    assert statuses(runtime.engine) == ["sending", "pending", "pending"]
    deliver_due(runtime)
    with Session(runtime.engine) as session:
        first = session.exec(select(Outbox).where(Outbox.key == "ack-0")).one()
    assert first.status == "sent" and first.attempts == 2 and first.last_error.startswith("resent once")


def test_a_retry_time_written_by_a_step_is_read_back_as_the_orm_writes_it(runtime):
    runtime.transport = WatchingTransport(runtime.engine, fail=TransientDeliveryError("451 later"))
    assert deliver_due(runtime).retrying == 3
    with Session(runtime.engine) as session:
        rows = list(session.exec(select(Outbox).order_by(Outbox.id)))
    assert {row.next_attempt_at.replace(tzinfo=timezone.utc) for row in rows} == {NOW + timedelta(seconds=60)}
    assert deliver_due(runtime).retrying == 0                       # not due yet
    runtime.clock = SimpleNamespace(now=lambda: NOW + timedelta(seconds=60))
    runtime.transport = WatchingTransport(runtime.engine)
    assert deliver_due(runtime).sent == 3                           # due exactly at its time


def test_a_step_writes_only_delivery_columns(runtime):
    with runtime.engine.connect() as connection:
        with pytest.raises(ValueError, match="raw"):
            OutboxSteps(connection).write(1, raw=b"x")
