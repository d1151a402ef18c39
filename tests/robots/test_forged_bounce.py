"""Anyone can write a delivery report: only a report about mail we sent to an address suppresses it.
A forged or stray bounce suppresses nothing, is noted, and is flagged when it names someone we write to."""
from __future__ import annotations

from sqlmodel import select

from mailbot.outbox.deliver import deliver_due
from mailbot.store.models import Event, Message, Outbox, Suppression
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime
from tests.corpus import require_corpus

OFFICE365_ID = b"<20171013111011.20866.254C2F3A4D7AA526@ninomail.com>"
ADDRESS = "noname@example.com"          # the recipient the real Office 365 report names


def _rows(runtime, model):
    with runtime.session() as session:
        return list(session.exec(select(model)).all())


def _acked(tmp_path, sender: str = ADDRESS):
    """A runtime that has acknowledged one contribution from `sender`; returns it and our ack row."""
    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1, sender=sender)]))
    assert deliver_due(runtime).sent == 1
    [ack] = _rows(runtime, Outbox)
    return runtime, ack


def _office365(original_id: bytes = OFFICE365_ID) -> bytes:
    raw = (require_corpus("mime") / "flanker_bounce_office365.eml").read_bytes()
    return raw.replace(OFFICE365_ID, original_id)


def _plain_dsn(*addresses: str, original_id: str | None = None) -> bytes:
    """A minimal RFC 3464 report; with no returned headers unless `original_id` is given."""
    groups = "".join(f"\r\nFinal-Recipient: rfc822; {a}\r\nAction: failed\r\nStatus: 5.1.1\r\n" for a in addresses)
    returned = (f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: contributions@itu.int\r\n"
                f"Message-ID: {original_id}\r\n\r\n") if original_id else ""
    return ("Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.net\r\nTo: contributions@itu.int\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn.1@mx.example.net>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
            "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
            f"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n{groups}"
            f"{returned}--b--\r\n").encode()


def _bounce(runtime) -> Message:
    [message] = [m for m in _rows(runtime, Message) if m.kind == "bounce"]
    return message


def test_a_real_report_about_someone_elses_mail_does_not_silence_an_address_we_write_to(tmp_path):
    runtime, ack = _acked(tmp_path)
    poll_once(runtime, ListSource([_office365()], uidvalidity=2))
    assert _rows(runtime, Suppression) == []
    assert _rows(runtime, Outbox)[0].status == "sent"
    bounce = _bounce(runtime)
    assert bounce.needs_review
    assert any(ADDRESS in reason and "did not send" in reason for reason in bounce.review_reasons)
    [event] = [e for e in _rows(runtime, Event) if e.kind == "bounce_unmatched"]
    assert event.detail.startswith(ADDRESS) and "not suppressed" in event.detail


def test_the_same_real_report_about_our_ack_suppresses_the_address(tmp_path):
    runtime, ack = _acked(tmp_path)
    poll_once(runtime, ListSource([_office365(ack.message_id.encode())], uidvalidity=2))
    [entry] = _rows(runtime, Suppression)
    assert (entry.address, entry.outbox_pk) == (ADDRESS, ack.id)
    assert _rows(runtime, Outbox)[0].status == "bounced"
    assert not any(e.kind == "bounce_unmatched" for e in _rows(runtime, Event))


def test_a_report_about_an_address_we_never_mailed_is_noted_but_not_flagged(tmp_path):
    runtime, _ = _acked(tmp_path)
    poll_once(runtime, ListSource([_plain_dsn("stranger@elsewhere.example")], uidvalidity=2))
    assert _rows(runtime, Suppression) == []
    assert not _bounce(runtime).needs_review
    assert any(e.kind == "bounce_unmatched" and e.detail.startswith("stranger@elsewhere.example")
               and "nothing suppressed" in e.detail for e in _rows(runtime, Event))


def test_a_report_with_no_message_id_suppresses_nothing_and_a_person_is_asked(tmp_path):
    runtime, ack = _acked(tmp_path)
    poll_once(runtime, ListSource([_plain_dsn(ADDRESS)], uidvalidity=2))     # forged: no Message-ID to check
    assert _rows(runtime, Suppression) == []
    bounce = _bounce(runtime)
    assert bounce.needs_review
    assert any("names no Message-ID" in reason and f"mailbot suppressions add {ADDRESS}" in reason
               for reason in bounce.review_reasons)


def test_a_matched_report_suppresses_only_the_addresses_that_mail_went_to(tmp_path):
    runtime, ack = _acked(tmp_path)
    other = "focal@mfa.gov.ke"
    poll_once(runtime, ListSource([_plain_dsn(ADDRESS, other, original_id=ack.message_id)], uidvalidity=2))
    assert [entry.address for entry in _rows(runtime, Suppression)] == [ADDRESS]
    assert any(e.kind == "bounce_unmatched" and e.detail.startswith(other) for e in _rows(runtime, Event))
