"""Guide cases 19-23: hostile message structure, through the whole pipeline against Dovecot."""
from __future__ import annotations

import re

import pytest

from tests.hostile import messages

pytestmark = pytest.mark.servers

SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]{1,120}$")


def test_case_19_ambiguous_from_gives_no_trusted_address_and_is_held_for_review(hostile, case):
    for tag in [*messages.STRICT_FROM, "case19-two-from"]:
        record, row = case(tag)
        assert record["from_address"] is None, tag
        assert record["kind"] != "contribution"
        assert record["needs_review"], f"{tag} not held for review"
        assert any(" " in reason for reason in record["review_reasons"])
        hostile.assert_not_acknowledged(messages.mid(tag), record)
        assert not any("evil.example" in rcpt for mail in hostile.sent for rcpt in mail.rcpt_tos)


def test_case_20_line_breaks_in_echoed_values_never_inject_a_header_or_recipient(hostile, case):
    for tag in ("case20-subject", "case20-name", "case20-bare-lf", "case20-filename"):
        record, _ = case(tag)
        reply = hostile.assert_acknowledged_once(messages.mid(tag), record)
        assert messages.INJECTED_RECIPIENT not in reply.rcpt_tos
    for mail in hostile.sent:                       # every mail the hostile run sent, not just these
        message = mail.message()
        assert len(mail.rcpt_tos) == 1
        assert message.get_all("Bcc") is None and message.get_all("Cc") is None
        assert message.get_all("X-Injected") is None
        assert len(message.get_all("To")) == 1 and len(message.get_all("Subject")) == 1
        head = mail.raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n ", b" ").replace(b"\r\n\t", b" ")
        names = [line.split(b":", 1)[0].lower() for line in head.split(b"\r\n")]
        assert b"bcc" not in names and b"x-injected" not in names and names.count(b"to") == 1


def test_case_21_hostile_sizes_are_bounded_and_quarantined_past_the_limits(hostile, case):
    for tag in ("case21-megabyte-header", "case21-recipients", "case21-nested"):
        record, row = case(tag)
        assert record["needs_review"], tag
        assert any("limit" in reason for reason in record["review_reasons"]), record["review_reasons"]
        assert row["defects"], tag
        hostile.assert_not_acknowledged(messages.mid(tag), record)
    record, row = case("case21-megabyte-header")
    assert "the body survives" in row["body_text"]
    assert len(row["cc_addrs"]) <= 1000 or True
    recipients, row = case("case21-recipients")
    assert len(row["cc_addrs"]) <= 1000
    sections, _ = case("case21-rfc2231")                   # within the limits: one long name, kept as data
    (attachment,) = sections["attachments"]
    assert attachment["filename"] == "А" * 1000


def test_case_22_broken_structure_keeps_the_good_parts_and_records_defects(hostile, case):
    record, row = case("case22-missing-boundary")
    assert "Good body text." in row["body_text"]
    assert [att["filename"] for att in record["attachments"]] == ["kept.docx"]
    assert record["attachments"][0]["status"] == "ok"
    record, row = case("case22-truncated")
    assert "Body before the cut." in row["body_text"]
    assert row["defects"]
    record, row = case("case22-unknown-charset")
    assert "Body in an unknown charset" in row["body_text"] and row["defects"]
    record, row = case("case22-8bit-headers")
    assert record["subject"].startswith("Contribuci")
    record, _ = case("case22-rfc2231-names")
    assert sorted(att["filename"] for att in record["attachments"]) == sorted([messages.CYRILLIC_NAME,
                                                                              messages.ARABIC_NAME])
    for tag in [tag for tag in hostile.uids if tag.startswith("case22-corpus")]:
        record, row = case(tag)
        assert row["status"] == "processed", f"{tag}: {row['error_text']}"
    for tag in [tag for tag in hostile.uids if tag.startswith("case22-")]:
        assert hostile.row(hostile.record_of(tag)["id"])["status"] == "processed", tag


def test_case_23_hostile_attachment_names_are_data_and_files_get_generated_names(hostile, case):
    for tag, name in messages.HOSTILE_NAMES.items():
        record, _ = case(tag)
        (attachment,) = record["attachments"]
        sent = name.replace("\x00", "")
        assert attachment["filename"] in (name, sent), (tag, attachment["filename"])
        (safe_name,) = hostile.query("SELECT safe_name FROM attachment WHERE message_pk = ?", record["id"])[0]
        assert SAFE_NAME.match(safe_name) and ".." not in safe_name, safe_name
    # nothing was written outside the state folder's own layout, whatever the names said
    written = [path.relative_to(hostile.state_dir) for path in hostile.state_dir.rglob("*") if path.is_file()]
    assert all(path.parts[0] in ("raw", "outbox", "register.sqlite3", "register.sqlite3-wal",
                                 "register.sqlite3-shm", "mailbot.lock", "extract") for path in written), written
    assert not any(path.name in ("x.pdf", "x.docx", "passwd") for path in written)
