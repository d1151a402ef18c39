"""The pieces of robot reading: clean addresses, lenient delivery-status fields, robot senders."""
from __future__ import annotations

import pytest

from mailbot.pipeline.classify import classify
from mailbot.robots import RobotKind, read_robot_mail
from mailbot.robots.addresses import clean_address
from mailbot.robots.dsn import recipient_groups
from parsers.message import parse_message

OURS = dict(our_domain="consult.example.int", loop_header="X-Mailbot-Loop",
            our_addresses=("consultation@consult.example.int",))


@pytest.mark.parametrize("text, expected", [
    ("rfc822; <A.Person@Example.ORG>", "a.person@example.org"),
    ("rfc822;someone@example.org", "someone@example.org"),
    (" <x@example.org>. ", "x@example.org"),
    ("utf-8; user@example.org", "user@example.org"),
    ("rfc822;|/usr/bin/procmail", None),
    ("/var/spool/mail/someone", None),
    ("example.org", None),
    ("postmaster", None),
    ("a@localhost", None),
    ("", None),
    (None, None),
    (b"bytes@example.org", "bytes@example.org"),
])
def test_clean_address(text, expected):
    assert clean_address(text) == expected


def test_groups_without_blank_lines_keep_every_recipient_in_either_field_order():
    text = ("Reporting-MTA: dns; mx\nFinal-Recipient: rfc822; a@x.org\nOriginal-Recipient: rfc822;a@x.org\n"
            "Action: failed\nStatus: 5.1.1\nOriginal-Recipient: rfc822;b@x.org\nFinal-Recipient: rfc822;b@x.org\n"
            "Action: delayed\nStatus: 4.4.7\nDiagnostic-Code: smtp; 452 4.2.2 full\n   mailbox\n"
            "Final-Recipient: rfc822;c@x.org\nAction: delivered\nStatus: 2.0.0\n")
    groups = recipient_groups(text)
    assert [(g.final_recipient, g.action, g.status) for g in groups] == [
        ("rfc822; a@x.org", "failed", "5.1.1"), ("rfc822;b@x.org", "delayed", "4.4.7"),
        ("rfc822;c@x.org", "delivered", "2.0.0")]
    assert groups[1].diagnostic == "452 4.2.2 full mailbox"


def test_a_report_without_recipients_is_empty_not_an_error():
    assert recipient_groups("Reporting-MTA: dns; mx\n\nArrival-Date: today\n") == []
    assert recipient_groups("") == []


def _mail(headers: str, body: str = "Hello.") -> bytes:
    return (headers + "To: consultation@consult.example.int\r\n\r\n" + body + "\r\n").encode()


def test_mailer_daemon_with_an_empty_address_is_still_a_robot():
    # The strict parser refuses "MAILER-DAEMON <>": no sender, yet the mail is not a person's.
    raw = _mail("From: MAILER-DAEMON <>\r\nSubject: Hello\r\n")
    parsed = parse_message(raw)
    assert parsed.sender is None
    kind, reason, _ = classify(parsed, **OURS)
    assert kind == "other" and "mail system" in reason


@pytest.mark.parametrize("sender", ["Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
                                    "postmaster@mx.example.org", "Mailer_Daemon <bounce@mx.example.org>",
                                    "\"Mail Delivery System\" <noreply-dsn@mx.example.org>"])
def test_postmaster_in_any_form_with_a_delivery_subject_is_a_bounce(sender):
    raw = _mail(f"From: {sender}\r\nSubject: Undelivered Mail Returned to Sender\r\n",
                "<gone@example.org>: host said: 550 5.1.1 User unknown")
    report = read_robot_mail(parse_message(raw))
    assert report is not None and report.kind == RobotKind.BOUNCE
    assert [(r.address, r.status) for r in report.recipients] == [("gone@example.org", "5.1.1")]


def test_multipart_report_without_report_type_is_still_read():
    raw = (b"From: postmaster@mx.example.org\r\nSubject: Delivery report\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/report; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
           b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
           b"Final-Recipient: rfc822; x@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n")
    kind, _, _ = classify(parse_message(raw), **OURS)
    assert kind == "bounce"


def test_an_ordinary_person_is_not_a_robot():
    raw = _mail("From: Ministry <focal@mfa.gov.xx>\r\nSubject: Our contribution about delivery failures\r\n",
                "Delivery failed for many networks in 2019; our views on resilience follow.")
    assert read_robot_mail(parse_message(raw)) is None


def test_export_shape_of_a_report():
    raw = _mail("From: MAILER-DAEMON@mx.example.org\r\nSubject: failure notice\r\nX-Failed-Recipients: a@x.org\r\n")
    report = read_robot_mail(parse_message(raw))
    assert report.as_export() == {"recipients": [
        {"address": "a@x.org", "status": "", "action": "failed", "permanent": True}]}
