"""Hostile sizes (guide item 21): bounded depth, parts, headers, recipients and RFC 2231 sections."""
from __future__ import annotations

import pytest

from parsers.errors import ParseError
from parsers.message import parse_message

HEAD = b"From: Sender <sender@mfa.gov.xx>\r\nSubject: limits\r\nMIME-Version: 1.0\r\n"


def _nested(levels: int) -> bytes:
    opening = b"".join(b'Content-Type: multipart/mixed; boundary="n%d"\r\n\r\n--n%d\r\n' % (i, i) for i in range(levels))
    closing = b"".join(b"\r\n--n%d--" % i for i in reversed(range(levels)))
    return HEAD + opening + b"Content-Type: text/plain\r\n\r\ndeepest text" + closing + b"\r\n"


def _wide(parts: int) -> bytes:
    body = b"".join(b"--w\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"p%d.txt\"\r\n\r\n"
                    b"part %d\r\n" % (i, i) for i in range(parts))
    return HEAD + b'Content-Type: multipart/mixed; boundary="w"\r\n\r\n' + body + b"--w--\r\n"


def test_ten_thousand_nested_parts_stop_at_max_depth():
    parsed = parse_message(_nested(10_000))
    assert any("nested more than 20 levels" in defect for defect in parsed.defects)
    assert parsed.sender.address == "sender@mfa.gov.xx"


def test_nesting_within_the_limit_is_read_whole():
    parsed = parse_message(_nested(5))
    assert "deepest text" in parsed.body_text
    assert not any("nested" in defect for defect in parsed.defects)


def test_more_parts_than_max_parts_are_dropped_with_a_defect():
    parsed = parse_message(_wide(1500), max_parts=1000)
    assert any("more than 1000 parts: the rest were not read" in defect for defect in parsed.defects)
    assert 900 <= len(parsed.attachments) <= 1000
    assert parsed.attachments[0].filename == "p0.txt"


def test_nested_forwards_are_bounded_by_max_depth():
    inner = b"From: x@y.example\r\nSubject: innermost\r\n\r\nhello\r\n"
    for _ in range(50):
        inner = b"From: x@y.example\r\nSubject: wrap\r\nContent-Type: message/rfc822\r\n\r\n" + inner
    parsed = parse_message(HEAD + b"Content-Type: message/rfc822\r\n\r\n" + inner, max_depth=10)
    depth, current = 0, parsed
    while current.forwarded:
        current, depth = current.forwarded[0], depth + 1
    assert depth < 10
    assert any("nested more than 10 levels" in defect for defect in parsed.defects)


def test_megabyte_header_is_cut_and_the_body_kept():
    raw = HEAD + b"X-Junk: " + b"a" * 1_500_000 + b"\r\n\r\nbody survives\r\n"
    parsed = parse_message(raw)
    assert any("headers larger than 1000000 bytes" in defect for defect in parsed.defects)
    assert "body survives" in parsed.body_text
    assert parsed.subject == "limits"


def test_twenty_thousand_recipients_are_capped():
    recipients = b", ".join(b"user%d <user%d@example.org>" % (i, i) for i in range(20_000))
    parsed = parse_message(HEAD + b"To: " + recipients + b"\r\n\r\nhello\r\n")
    assert len(parsed.to) == 1000
    assert any("more than 1000 addresses in To" in defect for defect in parsed.defects)


def test_thousand_rfc2231_sections_give_one_long_name():
    sections = b";\r\n ".join(b"filename*%d*=%s%%D0%%90" % (i, b"utf-8''" if i == 0 else b"") for i in range(1000))
    raw = HEAD + b'Content-Type: multipart/mixed; boundary="s"\r\n\r\n--s\r\nContent-Type: application/pdf\r\n' \
        b"Content-Disposition: attachment; " + sections + b"\r\n\r\n%PDF-1.4\r\n--s--\r\n"
    parsed = parse_message(raw)
    assert parsed.attachments[0].filename == "А" * 1000
    assert parsed.attachments[0].safe_name.endswith(".pdf")


def test_empty_input_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_message(b"   \r\n")


def test_outlook_msg_bytes_become_one_attachment():
    raw = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    parsed = parse_message(raw)
    assert parsed.attachments[0].sniffed_type == "application/x-ole-storage"
    assert any("not an RFC 822 message" in defect for defect in parsed.defects)
