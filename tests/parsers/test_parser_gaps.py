"""Parser gaps found against a peer library's test messages: an encoded message/rfc822, the text of
delivery-status parts, text/enriched bodies, and RFC 5322 section 4.5's obsolete header syntax."""
from __future__ import annotations

import base64
import quopri

import pytest

from mailbot.extraction.search import search
from mailbot.worker import poll_once
from parsers.enriched import enriched_to_text
from parsers.message import parse_message
from tests.backbone.fakes import ListSource, make_runtime

INNER = ("From: Ministre <ministre@mfa.gouv.xx>\r\nTo: consultation@consult.example.int\r\n"
         "Subject: Contribution de la République\r\nMessage-ID: <inner@mfa.gouv.xx>\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n\r\nNos observations sur les lignes directrices.\r\n").encode()


def _forward(encoding: str, body: bytes) -> bytes:
    return (b"From: Mission <mission@mfa.gouv.xx>\r\nTo: consultation@consult.example.int\r\nSubject: Fwd\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"
            b"Content-Type: text/plain\r\n\r\nForwarded below.\r\n--x\r\nContent-Type: message/rfc822\r\n"
            b"Content-Transfer-Encoding: " + encoding.encode() + b"\r\n\r\n" + body + b"\r\n--x--\r\n")


@pytest.mark.parametrize("encoding, body", [("base64", base64.encodebytes(INNER)),
                                            ("quoted-printable", quopri.encodestring(INNER))])
def test_encoded_message_rfc822_is_decoded_and_kept_as_the_forwarded_message(encoding, body):
    parsed = parse_message(_forward(encoding, body))
    [inner] = parsed.forwarded
    assert inner.sender.address == "ministre@mfa.gouv.xx"
    assert inner.subject == "Contribution de la République" and inner.message_id == "<inner@mfa.gouv.xx>"
    assert inner.body_text.strip() == "Nos observations sur les lignes directrices."
    assert any(encoding in defect and "RFC 2046" in defect for defect in parsed.defects)
    assert parsed.attachments == ()


def test_an_unencoded_forward_is_unchanged_and_has_no_defect():
    parsed = parse_message(_forward("7bit", INNER.replace("é".encode(), b"e")))
    assert parsed.forwarded[0].subject == "Contribution de la Republique" and not parsed.defects


DSN = (b"From: MAILER-DAEMON@mx.example.org\r\nTo: consultation@consult.example.int\r\nSubject: Undelivered Mail\r\n"
       b"Message-ID: <dsn-1@mx.example.org>\r\nMIME-Version: 1.0\r\n"
       b"Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n"
       b"--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
       b"--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
       b"Final-Recipient: rfc822; quokka@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n"
       b"Diagnostic-Code: smtp; 550 5.1.1 Marsupial mailbox unavailable\r\n--r--\r\n")


def test_delivery_status_text_is_kept_in_the_body_text_and_the_part_still_read():
    parsed = parse_message(DSN)
    assert "Your message could not be delivered." in parsed.body_text
    assert "Final-Recipient: rfc822; quokka@example.org" in parsed.body_text
    assert "Marsupial mailbox unavailable" in parsed.body_text
    assert [a.declared_type for a in parsed.attachments] == ["message/delivery-status"]


def test_delivery_status_text_is_searchable(tmp_path):
    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([DSN]))
    with runtime.session() as session:
        assert [pk for pk, _ in search(session, "marsupial")] == [1]


ENRICHED = (b"From: Ministry <focal@mfa.gov.xx>\r\nTo: consultation@consult.example.int\r\nSubject: Views\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n"
            b"--a\r\nContent-Type: text/enriched; charset=us-ascii\r\n\r\n"
            b"<bold>Our views</bold> on the\r\n<italic>guidelines</italic>:\r\n\r\nsection <<2> first."
            b"<color><param>red</param>Important.</color>\r\n--a--\r\n")


def test_text_enriched_is_a_body_alternative_not_an_attachment():
    parsed = parse_message(ENRICHED)
    assert parsed.body_text == "Our views on the guidelines:\nsection <2> first.Important."
    assert parsed.attachments == ()


def test_text_plain_wins_over_text_enriched():
    both = ENRICHED.replace(b"--a\r\nContent-Type: text/enriched",
                            b"--a\r\nContent-Type: text/plain\r\n\r\nPlain views.\r\n--a\r\nContent-Type: text/enriched")
    assert parse_message(both).body_text.strip() == "Plain views."


def test_enriched_decoder_follows_rfc_1896_line_breaks():
    assert enriched_to_text("one\ntwo\n\nthree\n\n\nfour") == "one two\nthree\n\nfour"
    assert enriched_to_text("<param>hidden</param>shown <<tag>") == "shown <tag>"


def test_obsolete_header_syntax_is_accepted_as_rfc_5322_section_4_5_asks():
    raw = (b"From  : Ministry <focal@mfa.gov.xx>\r\nTo : consultation@consult.example.int\r\n"
           b"Subject\t: Our views\r\nMessage-ID: <obs@mfa.gov.xx>\r\nMIME-Version : 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type : text/plain; charset=utf-8\r\n\r\n"
           b"Views.\r\n--b--\r\n")
    parsed = parse_message(raw)
    assert parsed.sender.address == "focal@mfa.gov.xx" and parsed.subject == "Our views"
    assert parsed.message_id == "<obs@mfa.gov.xx>" and parsed.body_text.strip() == "Views."
    assert any("RFC 5322 section 4.5" in defect for defect in parsed.defects)


def test_a_unix_from_line_and_ordinary_headers_are_not_touched():
    raw = b"From sender@example.org Mon Jan  6 10:00:00 2020\r\nFrom: a@example.org\r\nSubject: x : y\r\n\r\nBody\r\n"
    parsed = parse_message(raw)
    assert parsed.subject == "x : y" and not any("4.5" in defect for defect in parsed.defects)
