"""The backbone's promises on one machine: register everything, acknowledge once, keep failures."""
from __future__ import annotations

from sqlmodel import select

from mailbot.outbox.deliver import deliver_due
from mailbot.pipeline import BUILTIN, Stage, process
from mailbot.workitem import WorkItem
from mailbot.store.register import RegisterSeen
from mailbot.reprocess import reprocess_messages
from mailbot.store.models import Attachment, Message, MessageSource, Outbox
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime


def _rows(runtime, table):
    with runtime.session() as session:
        return session.exec(select(table)).all()


def test_each_contribution_registered_and_acknowledged_once(tmp_path):
    runtime = make_runtime(tmp_path)
    source = ListSource([contribution(n) for n in range(3)])
    report = poll_once(runtime, source)
    delivered = deliver_due(runtime)
    assert report.registered == 3 and report.acks_queued == 3
    assert delivered.sent == 3
    messages = _rows(runtime, Message)
    assert sorted(m.reference for m in messages) == ["GCA-2020-0001", "GCA-2020-0002", "GCA-2020-0003"]
    assert all(m.kind == "contribution" for m in messages)
    assert source.processed_uids == ["1", "2", "3"]
    sent_to = [recipients for _from, recipients, _raw in runtime.transport.sent]
    assert sent_to == [["focal@mfa.gov.ke"]] * 3


def test_rerun_registers_nothing_and_sends_nothing(tmp_path):
    runtime = make_runtime(tmp_path)
    source = ListSource([contribution(n) for n in range(2)])
    poll_once(runtime, source)
    deliver_due(runtime)
    again = poll_once(runtime, source)
    delivered = deliver_due(runtime)
    assert again.registered == 0 and delivered.sent == 0
    assert len(_rows(runtime, Message)) == 2 and len(_rows(runtime, Outbox)) == 2


def test_same_bytes_under_a_new_uid_are_not_registered_twice(tmp_path):
    runtime = make_runtime(tmp_path)
    raw = contribution(1)
    poll_once(runtime, ListSource([raw]))
    # The mailbox was recreated (new UIDVALIDITY): the same bytes come back under another UID.
    again = poll_once(runtime, ListSource([contribution(2), raw], uidvalidity=2))
    assert again.registered == 1 and again.duplicates == [1]    # the copy is counted as a duplicate of 1
    messages = _rows(runtime, Message)
    assert len(messages) == 2
    assert len(_rows(runtime, MessageSource)) == 3
    acked = sorted(row.message_pk for row in _rows(runtime, Outbox) if row.purpose == "ack")
    assert acked == [1, 2]


def test_raw_bytes_are_kept_content_addressed(tmp_path):
    runtime = make_runtime(tmp_path)
    raw = contribution(7)
    poll_once(runtime, ListSource([raw]))
    message = _rows(runtime, Message)[0]
    assert runtime.raw_store.get(message.raw_sha256) == raw


def test_a_failing_stage_keeps_the_message_and_the_run_goes_on(tmp_path):
    runtime = make_runtime(tmp_path)

    def explode_on_second(item, _runtime):
        if b"contribution number 2" in item.fetched.raw:
            raise RuntimeError("extractor blew up")

    stages = tuple(stage if stage.name != "extract" else Stage("extract", explode_on_second)
                   for stage in BUILTIN)
    source = ListSource([contribution(n) for n in range(1, 4)])
    for fetched in source.fetch_new(RegisterSeen(runtime.session_factory)):
        process(WorkItem(fetched=fetched), runtime, stages)
    messages = sorted(_rows(runtime, Message), key=lambda m: m.id)
    assert [m.status for m in messages] == ["processed", "error", "processed"]
    broken = messages[1]
    assert broken.needs_review and "extract" in broken.review_reasons[0]
    assert "extractor blew up" in broken.error_text
    assert broken.subject == "Contribution 2 to the GCA guidelines"   # what parsed is kept
    assert broken.kind == "other" and broken.reference is None        # later stages skipped: no ack
    assert runtime.raw_store.has(broken.raw_sha256)
    assert [row.message_pk for row in _rows(runtime, Outbox)] == [messages[0].id, messages[2].id]


def test_reprocess_updates_in_place_and_does_not_acknowledge_again(tmp_path):
    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1)]))
    deliver_due(runtime)
    with runtime.session() as session:
        message = session.exec(select(Message)).one()
        message.manual_states = ["KEN"]
        message.manual_note = "confirmed by phone"
        session.add(message)
        session.commit()
    assert reprocess_messages(runtime, None) == 1
    message = _rows(runtime, Message)[0]
    assert message.states == ["KEN"] and not message.needs_review
    assert message.reference == "GCA-2020-0001"
    assert len(_rows(runtime, Outbox)) == 1 and len(runtime.transport.sent) == 1
    assert len(_rows(runtime, Attachment)) == 1


def test_auto_replies_and_list_mail_are_registered_but_never_acknowledged(tmp_path):
    runtime = make_runtime(tmp_path)
    ooo = contribution(1, with_docx=False, subject="Automatic reply: GCA",
                       extra_headers={"Auto-Submitted": "auto-replied"})
    newsletter = contribution(2, with_docx=False, extra_headers={"List-Id": "<news.example.org>",
                                                                 "Precedence": "bulk"})
    report = poll_once(runtime, ListSource([ooo, newsletter]))
    assert report.registered == 2 and report.acks_queued == 0
    messages = _rows(runtime, Message)
    assert {m.kind for m in messages} == {"auto_reply", "other"}
    assert all(m.reference is None and m.ack_suppressed_reason for m in messages)
    assert _rows(runtime, Outbox) == []


def test_daily_cap_stops_acknowledgements_and_tells_staff_once(tmp_path):
    runtime = make_runtime(tmp_path, MAILBOT_ACK_DAILY_CAP_PER_RECIPIENT=2)
    report = poll_once(runtime, ListSource([contribution(n, with_docx=False) for n in range(5)]))
    assert report.registered == 5 and report.acks_queued == 2
    from mailbot.store.models import Event

    events = [event for event in _rows(runtime, Event) if event.kind == "ack_cap"]
    assert len(events) == 1 and "focal@mfa.gov.ke" in events[0].detail


def test_a_failing_record_still_keeps_a_minimal_row_before_the_source_forgets_it(tmp_path, monkeypatch):
    runtime = make_runtime(tmp_path)

    def broken_ack(*_args, **_kwargs):
        raise ValueError("template exploded")

    monkeypatch.setattr("mailbot.pipeline.acknowledge.ack_mail", broken_ack)
    source = ListSource([contribution(1), contribution(2, with_docx=False)])
    report = poll_once(runtime, source)
    messages = sorted(_rows(runtime, Message), key=lambda m: m.id)
    assert report.registered == 2 and source.processed_uids == ["1", "2"]
    assert [m.status for m in messages] == ["error", "error"]
    assert all("template exploded" in m.error_text and m.needs_review for m in messages)
    assert all(m.subject.startswith("Contribution") for m in messages)
    assert _rows(runtime, Outbox) == [] and len(_rows(runtime, MessageSource)) == 2
    monkeypatch.undo()
    reprocess_messages(runtime, None)              # fixed: a replay registers and acknowledges them
    assert {m.status for m in _rows(runtime, Message)} == {"processed"}
    assert len(_rows(runtime, Outbox)) == 2
