"""classify(): each rule in isolation, the order between them, ack_allowed and bounce_details."""
from __future__ import annotations

import pytest

from mailbot.pipeline.classify import RULES, ack_allowed, bounce_details, classify
from parsers.message import parse_message

OURS = dict(our_domain="consult.example.int", loop_header="X-Mailbot-Loop",
            our_addresses=("consultation@consult.example.int",))


def _message(headers: str = "", sender: str = "Ministry <focal@mfa.gov.xx>", subject: str = "Views",
             body: str = "Our views.") -> bytes:
    return (f"From: {sender}\r\nTo: consultation@consult.example.int\r\nSubject: {subject}\r\n"
            f"Message-ID: <m@mfa.gov.xx>\r\n{headers}\r\n{body}\r\n").encode("utf-8")


def _kind(raw: bytes) -> tuple[str, str, list]:
    return classify(parse_message(raw), **OURS)


def test_rules_are_named_functions_wired_as_a_tuple():
    names = [name for name, _ in RULES]
    assert names[-1] == "contribution" and len(set(names)) == len(names)
    assert all(callable(rule) for _, rule in RULES)


def test_plain_mail_is_a_contribution_and_may_be_acknowledged():
    parsed = parse_message(_message())
    kind, reason, trail = classify(parsed, **OURS)
    assert kind == "contribution" and trail == [("contribution", reason)]
    assert ack_allowed(parsed, kind) == (True, "")


@pytest.mark.parametrize("headers", [
    "Auto-Submitted: auto-replied\r\n", "auto-submitted: Auto-Generated\r\n",
    "Auto-Submitted: no\r\nAuto-Submitted: auto-notified\r\n",
])
def test_auto_submitted_other_than_no_in_any_copy_is_an_auto_reply(headers):
    assert _kind(_message(headers))[0] == "auto_reply"


def test_auto_submitted_no_is_a_contribution():
    assert _kind(_message("Auto-Submitted: no\r\n"))[0] == "contribution"


@pytest.mark.parametrize("subject", [
    "Automatic reply: Views", "Réponse automatique : Views", "Respuesta automática: Views",
    "Автоматический ответ: Views", "رد تلقائي: Views", "自动回复: Views", "Out of Office: Views",
    "Abwesenheitsnotiz: Views", "RE: Automatic reply: Views",
])
def test_out_of_office_subjects(subject):
    assert _kind(_message(subject=subject))[0] == "auto_reply"


def test_exchange_inbox_rule_headers_together_mean_auto_reply():
    both = "X-Auto-Response-Suppress: All\r\nX-MS-Exchange-Inbox-Rules-Loop: focal@mfa.gov.xx\r\n"
    assert _kind(_message(both))[0] == "auto_reply"
    # Outlook puts X-Auto-Response-Suppress on ordinary mail too: alone it proves nothing.
    assert _kind(_message("X-Auto-Response-Suppress: All\r\n"))[0] == "contribution"


@pytest.mark.parametrize("headers", ["Precedence: bulk\r\n", "Precedence: LIST\r\n", "List-Unsubscribe: <mailto:x@y.z>\r\n"])
def test_list_mail_is_other(headers):
    kind, reason, _ = _kind(_message(headers))
    assert kind == "other" and "list" in reason


@pytest.mark.parametrize("sender", ["no-reply@portal.example", "MAILER-DAEMON@mx.example", "owner-list@lists.example",
                                    "itu-l-request@lists.example", "noreply.alerts@portal.example"])
def test_robot_senders_are_other_and_never_acknowledged(sender):
    parsed = parse_message(_message(sender=sender))
    kind, _, _ = classify(parsed, **OURS)
    assert kind == "other"
    assert ack_allowed(parsed, "contribution")[0] is False


def test_empty_return_path_is_other():
    assert _kind(_message("Return-Path: <>\r\n"))[0] == "other"


@pytest.mark.parametrize("headers,sender", [
    ("X-Mailbot-Loop: 1\r\n", "someone@relay.example"),
    ("", "Consultation <consultation@consult.example.int>"),
])
def test_our_own_mail_is_a_loop(headers, sender):
    assert _kind(_message(headers, sender=sender))[0] == "loop"


def test_message_id_under_our_domain_is_a_loop():
    raw = _message().replace(b"<m@mfa.gov.xx>", b"<ack-1@mail.consult.example.int>")
    assert _kind(raw)[0] == "loop"


def test_reply_to_our_message_without_a_document_is_a_reply():
    assert _kind(_message("In-Reply-To: <ack-1@consult.example.int>\r\n"))[0] == "reply"


def test_reply_to_our_message_with_a_document_is_a_contribution():
    raw = (b"From: focal@mfa.gov.xx\r\nIn-Reply-To: <ack-1@consult.example.int>\r\n"
           b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nrevised\r\n'
           b'--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="v2.pdf"\r\n\r\n'
           b"%PDF-1.4\r\n--b--\r\n")
    assert _kind(raw)[0] == "contribution"


def test_untrusted_from_is_other_held_for_review_and_not_acknowledged():
    parsed = parse_message(_message(sender="a@mfa.gov.xx(<b@evil.example>"))
    kind, reason, trail = classify(parsed, **OURS)
    assert kind == "other" and "review" in reason
    assert trail[0][0] == "untrusted_from"
    allowed, why = ack_allowed(parsed, "contribution")
    assert allowed is False and "strictly" in why


def test_non_contributions_are_never_acknowledged():
    parsed = parse_message(_message())
    for kind in ("auto_reply", "bounce", "reply", "other", "loop"):
        allowed, reason = ack_allowed(parsed, kind)
        assert allowed is False and reason


DSN = (b"From: MAILER-DAEMON@mx.consult.example.int\r\nMessage-ID: <dsn@mx.consult.example.int>\r\n"
       b"Subject: Undelivered Mail\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
       b"--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\n"
       b"Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; a@mfa.gov.xx\r\nAction: failed\r\nStatus: 5.1.1\r\n"
       b"Diagnostic-Code: smtp; 550 no such user\r\n\r\nFinal-Recipient: rfc822;b@mfa.gov.xx\r\nAction: delayed\r\n"
       b"Status: 4.4.7\r\n\r\n--r\r\nContent-Type: message/rfc822\r\n\r\nFrom: consultation@consult.example.int\r\n"
       b"Message-ID: <ack-9@consult.example.int>\r\nX-Mailbot-Loop: 1\r\n\r\nthanks\r\n--r--\r\n")


def test_dsn_from_our_own_relay_is_a_bounce_not_a_loop():
    kind, reason, _ = _kind(DSN)
    assert kind == "bounce", reason


def test_bounce_details_give_each_recipient_and_the_original_message_id():
    assert bounce_details(parse_message(DSN)) == [
        ("a@mfa.gov.xx", "5.1.1", "550 no such user", "<ack-9@consult.example.int>"),
        ("b@mfa.gov.xx", "4.4.7", "", "<ack-9@consult.example.int>"),
    ]


def test_postmaster_bounce_without_dsn_structure():
    raw = _message("X-Failed-Recipients: gone@mfa.gov.xx\r\n", sender="postmaster@mx.example",
                   subject="Mail delivery failed: returning message to sender",
                   body="Message-ID: <ack-3@consult.example.int>")
    parsed = parse_message(raw)
    assert classify(parsed, **OURS)[0] == "bounce"
    assert bounce_details(parsed) == [("gone@mfa.gov.xx", "", "", "<ack-3@consult.example.int>")]


def test_read_receipt_is_other_and_a_complaint_is_a_complaint():
    remote = DSN.replace(b"<dsn@mx.consult.example.int>", b"<r@mx.mfa.gov.xx>")
    mdn = remote.replace(b"delivery-status", b"disposition-notification")
    arf = remote.replace(b"report-type=delivery-status", b"report-type=feedback-report").replace(
        b"message/delivery-status", b"message/feedback-report")
    assert _kind(mdn)[:2] == ("other", "read receipt (message disposition notification)")
    kind, reason, _ = _kind(arf)
    assert kind == "complaint" and "ARF feedback report" in reason
