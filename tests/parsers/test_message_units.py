"""Strict addresses, header decoding and generated attachment names."""
from __future__ import annotations

import pytest

from parsers.addresses import parse_addresses
from parsers.headers import decode_bytes, decode_header_value
from parsers.message import parse_message
from parsers.safe_names import clean_display_name, safe_name


@pytest.mark.parametrize("value", [
    "a@mfa.gov.xx(<b@evil.example>", "a@b@c.example", "Foo <a b@c.example>", "Foo <a@c.example",
    "a@c.example <b@evil.example>",
])
def test_ambiguous_from_gives_no_trusted_address(value):
    addresses, defects = parse_addresses(value, "From")
    assert addresses == ()
    assert defects


def test_encoded_display_name_cannot_smuggle_a_second_mailbox():
    value = "=?utf-8?q?Evil=2C_=3Cevil@evil.example=3E?= <real@mfa.gov.xx>"
    recipients, _ = parse_addresses(value, "To")
    assert [(a.name, a.address) for a in recipients] == [("Evil, <evil@evil.example>", "real@mfa.gov.xx")]
    senders, defects = parse_addresses(value, "From")   # an address-like display name: sender not trusted
    assert senders == () and defects


def test_raw_angle_brackets_inside_an_encoded_word_are_refused():
    addresses, defects = parse_addresses("=?utf-8?q?Evil_<evil@evil.example>?= <real@mfa.gov.xx>", "From")
    assert addresses == () and defects


def test_display_name_line_break_is_neutralised():
    addresses, defects = parse_addresses("=?utf-8?b?TWluaXN0cnkNCkJjYzogeEB5Lno=?= <a@mfa.gov.xx>", "From")
    assert "\n" not in addresses[0].name and "\r" not in addresses[0].name
    assert any("header injection" in defect for defect in defects)


def test_domain_is_lower_cased_and_rfc6532_accepted():
    addresses, _ = parse_addresses("Jöhn <jdöe@MÄCHINE.example>", "To")
    assert addresses[0].address == "jdöe@mächine.example"


def test_unknown_charset_in_encoded_word_never_raises():
    text, defects = decode_header_value("=?x-klingon?q?abc?= def", "Subject")
    assert text == "abc def"
    assert any("unknown charset" in defect for defect in defects)


def test_encoded_word_of_a_non_text_codec_is_not_used():
    text, defects = decode_header_value("=?base64_codec?q?abc?=", "Subject")
    assert text == "abc"
    assert defects


def test_mislabelled_body_charset_is_recovered():
    text, defects = decode_bytes("代开发票".encode("utf-8"), "gb2312", "the body")
    assert text == "代开发票"
    assert defects == ["the body says charset 'gb2312' but its bytes are not; decoded as utf-8"]


def test_latin1_raw_header_is_decoded():
    parsed = parse_message("From: a@b.example\r\nSubject: Réponse à la consultation\r\n\r\nx\r\n".encode("latin-1"))
    assert parsed.subject == "Réponse à la consultation"


@pytest.mark.parametrize("hostile", ["../../x", "..\\x", "/etc/passwd", "C:\\boot.ini", "a\x00b.pdf", "x" * 300])
def test_safe_name_never_comes_from_the_senders_name(hostile):
    name = safe_name(3, "ab" * 32, hostile, "application/pdf", "application/pdf")
    assert name == "att-03-abababab.pdf"


def test_claimed_extension_is_kept_only_when_whitelisted_and_not_contradicted():
    assert safe_name(1, "0" * 64, "table.csv", "text/plain", "text/plain").endswith(".csv")
    assert safe_name(1, "0" * 64, "old.doc", "application/x-ole-storage", "").endswith(".doc")
    assert safe_name(1, "0" * 64, "fake.pdf", "application/octet-stream", "application/pdf").endswith(".bin")
    assert safe_name(1, "0" * 64, "run.exe", "application/octet-stream", "").endswith(".bin")


def test_display_name_loses_nul_control_and_bidi_characters():
    assert clean_display_name("evil\x00\u202egnp.exe\r\n") == "evilgnp.exe"


def test_same_bytes_attached_twice_get_distinct_safe_names():
    part = (b"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n\r\n"
            b"%PDF-1.4 same\r\n")
    raw = b'From: a@b.example\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n' + part + part + b"--b--\r\n"
    names = [a.safe_name for a in parse_message(raw).attachments]
    assert len(names) == 2 and names[0] != names[1]


def test_forwarded_attachments_stay_inside_the_forwarded_message():
    inner = (b"From: inner@mfa.gov.xx\r\nContent-Type: multipart/mixed; boundary=\"i\"\r\n\r\n--i\r\n"
             b"Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"in.pdf\"\r\n\r\n%PDF-1.4\r\n--i--\r\n")
    raw = (b'From: fwd@webmail.example\r\nContent-Type: multipart/mixed; boundary="o"\r\n\r\n--o\r\n'
           b"Content-Type: text/plain\r\n\r\nsee below\r\n--o\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"--o--\r\n")
    parsed = parse_message(raw)
    assert parsed.attachments == ()
    assert parsed.forwarded[0].attachments[0].filename == "in.pdf"
    assert parsed.forwarded[0].sender.address == "inner@mfa.gov.xx"
    assert parsed.body_text.strip() == "see below"


def test_utf16_message_file_is_read():
    raw = "From: a@b.example\r\nSubject: utf16\r\n\r\nbody\r\n".encode("utf-16")
    parsed = parse_message(raw)
    assert parsed.subject == "utf16"
    assert any("UTF-16" in defect for defect in parsed.defects)


def test_charset_name_with_a_nul_does_not_crash():
    raw = b"From: a@b.example\r\nContent-Type: text/plain; charset=\"ut\x00f\"\r\n\r\ncaf\xc3\xa9\r\n"
    assert "café" in parse_message(raw).body_text


def test_bad_base64_in_a_display_name_is_a_defect_not_a_crash():
    parsed = parse_message(b"From: =?utf-8?B?QUJDRE?= <a@b.example>\r\nSubject: x\r\n\r\nbody\r\n")
    assert parsed.subject == "x"
