"""Item 7: the CSV export opens well in a spreadsheet and has the digest CSV's columns (one writer)."""
from __future__ import annotations

import csv
import email
import io
from email import policy

from mailbot.register_csv import COLUMNS
from tests.ops.cli import mailbot


def _digest_attachment(state):
    for path in sorted((state / "outbox").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for part in message.iter_attachments():
            if (part.get_filename() or "").startswith("register-"):
                return part
    raise AssertionError("no digest with the register attached in the demo outbox")


def test_export_csv_is_utf8_with_bom_and_json_booleans(demo_state, tmp_path):
    target = tmp_path / "register.csv"
    assert mailbot("export", "--format", "csv", "-o", str(target), state=demo_state).code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 14
    assert {row["late"] for row in rows} == {"true", "false"}
    assert {row["needs_review"] for row in rows} <= {"true", "false"}
    assert any("中国" in row["subject"] for row in rows)


def test_the_digest_csv_has_the_same_columns_and_says_its_charset(demo_state, tmp_path):
    part = _digest_attachment(demo_state)
    assert part.get_content_type() == "text/csv" and part.get_content_charset() == "utf-8"
    digest_text = part.get_payload(decode=True).decode("utf-8")
    assert digest_text.startswith("\ufeff")
    digest_rows = list(csv.reader(io.StringIO(digest_text.lstrip("\ufeff"))))
    target = tmp_path / "register.csv"
    mailbot("export", "--format", "csv", "-o", str(target), state=demo_state)
    export_rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert digest_rows[0] == export_rows[0] == list(COLUMNS)
    by_id = {row[0]: row for row in export_rows[1:]}
    for row in digest_rows[1:]:          # what the digest saw is what the export says (acks moved on since)
        assert row[:14] == by_id[row[0]][:14]


def test_formulas_stay_text_and_decisions_are_columns(demo_copy, tmp_path):
    mailbot("review", "set", "GCA-2020-0007", "--states", "EST", "--note", "=1+1 checked", state=demo_copy)
    target = tmp_path / "register.csv"
    mailbot("export", "--format", "csv", "-o", str(target), state=demo_copy)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")))}
    assert rows["10"]["decision_note"] == "'=1+1 checked"
    assert rows["10"]["decision_states_before"] == "EST LVA" and rows["10"]["states"] == "EST"
    assert rows["1"]["decision_by"] == ""
