"""What a robot's report does in the register: a bounce is matched to our outbox row by its original
Message-ID and suppresses the address for every later delivery; delays, delivered notices and
complaints suppress nothing, and none of them is ever acknowledged."""
from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from mailbot.export import iter_records
from mailbot.outbox.deliver import deliver_due
from mailbot.store.models import Message, Outbox, Suppression
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime

CORPUS = Path(__file__).parent / "corpus"
SENDER = "focal@mfa.gov.ke"


def _report(name: str, address: str, original_id: str) -> bytes:
    """A corpus report about `address`, about our message `original_id`."""
    raw = (CORPUS / name).read_bytes()
    for old in (b"unknown.person@refusing.example", b"full.later@refusing.example", b"ok@box.robots.test"):
        raw = raw.replace(old, address.encode())
    for old in (b"<corpus-3@consult.example.int>", b"<corpus-5@consult.example.int>",
                b"<corpus-6@consult.example.int>"):
        raw = raw.replace(old, original_id.encode())
    return raw


def _rows(runtime, model):
    with runtime.session() as session:
        return list(session.exec(select(model)).all())


def test_bounce_of_our_ack_suppresses_the_sender_for_the_next_ack(tmp_path):
    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1, sender=SENDER)]))
    assert deliver_due(runtime).sent == 1
    [ack] = _rows(runtime, Outbox)
    reports = [_report("postfix/delay_then_retry.eml", SENDER, ack.message_id),
               _report("postfix/delivered_notice.eml", SENDER, ack.message_id)]
    poll_once(runtime, ListSource(reports, uidvalidity=2))
    assert _rows(runtime, Suppression) == [] and _rows(runtime, Outbox)[0].status == "sent"

    poll_once(runtime, ListSource([_report("postfix/refusing_host.eml", SENDER, ack.message_id)], uidvalidity=3))
    [entry] = _rows(runtime, Suppression)
    assert (entry.address, entry.status, entry.outbox_pk) == (SENDER, "5.1.1", ack.id)
    row = _rows(runtime, Outbox)[0]
    assert row.status == "bounced" and "5.1.1" in row.last_error
    kinds = [message.kind for message in _rows(runtime, Message)]
    assert kinds == ["contribution", "delay", "delivered", "bounce"]
    assert len(_rows(runtime, Outbox)) == 1, "no robot report is acknowledged"

    sent_before = len(runtime.transport.sent)
    poll_once(runtime, ListSource([contribution(2, sender=SENDER)], uidvalidity=4))
    report = deliver_due(runtime)
    second = _rows(runtime, Outbox)[-1]
    assert report.sent == 0 and len(runtime.transport.sent) == sent_before
    assert second.status == "suppressed" and "suppression list" in second.last_error
    with runtime.session() as session:
        records = {record["id"]: record for record in iter_records(session)}
    assert records[5]["ack"]["status"] == "suppressed"
    assert records[2]["bounce"]["recipients"][0]["action"] == "delayed"
    assert records[1]["bounce"] is None


def test_complaint_is_held_for_review_and_suppresses_nothing(tmp_path):
    runtime = make_runtime(tmp_path)
    arf = (b"From: scomp@aol.net\r\nTo: consultation@consult.example.int\r\nSubject: Email Feedback Report\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=feedback-report; boundary=f\r\n\r\n"
           b"--f\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n"
           b"--f\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: AOL\r\n"
           b"Version: 1\r\nOriginal-Rcpt-To: someone@aol.com\r\n"
           b"--f\r\nContent-Type: message/rfc822\r\n\r\nFrom: consultation@consult.example.int\r\n"
           b"Message-ID: <x@consult.example.int>\r\n\r\nReminder\r\n--f--\r\n")
    poll_once(runtime, ListSource([arf]))
    [message] = _rows(runtime, Message)
    assert message.kind == "complaint" and message.needs_review
    assert any("abuse complaint" in reason for reason in message.review_reasons)
    assert message.bounce == {"recipients": [
        {"address": "someone@aol.com", "status": "", "action": "complaint", "permanent": False}]}
    assert _rows(runtime, Suppression) == [] and _rows(runtime, Outbox) == []
