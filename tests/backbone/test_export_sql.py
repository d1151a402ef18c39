"""The SQLite-built JSON export gives exactly the records of mailbot.export.message_record."""
from __future__ import annotations

import io
import json
from datetime import datetime, timezone

from sqlmodel import Session

from mailbot.export import iter_records, write_json
from mailbot.export_sql import iter_json_records, write_json_texts
from mailbot.store.db import open_engine
from mailbot.store.models import Attachment, Message, MessageSource, Outbox

WHEN = datetime(2020, 1, 9, 9, 0, tzinfo=timezone.utc)


def _message(pk: int, **fields) -> Message:
    values = dict(id=pk, raw_sha256=f"{pk:064x}", received_at=WHEN, processed_at=WHEN, updated_at=WHEN)
    values.update(fields)
    return Message(**values)


def _ack(pk: int, status: str, purpose: str = "ack", **fields) -> Outbox:
    return Outbox(key=f"{purpose}:{pk}:{status}", purpose=purpose, message_pk=pk, recipients=["a@b.example"],
                  message_id=f"<ack{pk}{status}@itu.int>", raw=b"x", status=status, created_at=WHEN, **fields)


def _register(tmp_path):
    engine = open_engine(tmp_path / "state")
    with Session(engine) as session:
        session.add_all([
            _message(1, kind="contribution", states=["KEN", "UGA"], subject="Contribución – 贡献 \"quoted\"\n",
                     reference="GCA-2020-0001", late=True, needs_review=True, review_reasons=["two states"],
                     from_address="fp@mfa.go.ke", from_name="Focal Point", message_id="<a@b>",
                     received_at=datetime(2020, 1, 9, 9, 0, 0, 123456, tzinfo=timezone.utc), language="es",
                     category="member_state"),
            _message(2, kind="auto_reply", ack_suppressed_reason="no acknowledgement for auto reply mail"),
            _message(3, kind="other", ack_suppressed_reason=""),
            _message(4, kind="contribution", reference="GCA-2020-0002", duplicate_of="<a@b>", status="error"),
            _message(5, kind="contribution", reference="GCA-2020-0003"),
            _message(6, kind="bounce", bounce={"recipients": [
                {"address": "fp@mfa.gov.example", "status": "5.1.1", "action": "failed", "permanent": True},
                {"address": "cc@mfa.gov.example", "status": "", "action": "delayed", "permanent": False}]}),
        ])
        session.flush()
        session.add_all([
            Attachment(message_pk=1, position=1, filename="b.pdf", safe_name="2.pdf", content_type="application/pdf",
                       size=20, sha256="b" * 64, status="ok", text_chars=5),
            Attachment(message_pk=1, position=0, filename=None, safe_name="1.docx", size=10, sha256="a" * 64,
                       status="corrupt"),
            Attachment(message_pk=1, position=2, filename="logo.png", safe_name="3.png", size=5, sha256="c" * 64,
                       is_inline=True, status="inline"),
            _ack(1, "sent", "late_ack", sent_at=datetime(2020, 1, 9, 9, 0, 5, tzinfo=timezone.utc)),
            _ack(4, "sending", last_error="resent once"),
            _ack(5, "bounced", last_error="bounced: 5.1.1"),
            Outbox(key="forward:6", purpose="forward", message_pk=6, recipients=["x@y.example"],
                   message_id="<f6@itu.int>", raw=b"x", created_at=WHEN),
            MessageSource(source_key="imap:INBOX:1:1", message_pk=1, source="imap", mailbox="INBOX",
                          uidvalidity=1, uid="1"),
        ])
        session.commit()
    return engine


def test_sql_records_equal_python_records(tmp_path):
    engine = _register(tmp_path)
    with Session(engine) as session:
        python_records = list(iter_records(session))
        sql_records = [json.loads(text) for text in iter_json_records(session, batch=4)]
    assert len(python_records) == 6
    assert sql_records == python_records
    assert [att["filename"] for att in sql_records[0]["attachments"]] == [None, "b.pdf"]   # by position, no inline


def test_both_writers_give_the_same_json_document(tmp_path):
    engine = _register(tmp_path)
    with Session(engine) as session:
        python_out, sql_out = io.StringIO(), io.StringIO()
        write_json(iter_records(session), python_out)
        write_json_texts(iter_json_records(session), sql_out)
    assert json.loads(sql_out.getvalue()) == json.loads(python_out.getvalue())


def test_an_empty_register_is_an_empty_array(tmp_path):
    engine = open_engine(tmp_path / "state")
    with Session(engine) as session:
        out = io.StringIO()
        write_json_texts(iter_json_records(session), out)
    assert json.loads(out.getvalue()) == []


def test_sql_csv_gives_the_same_rows_as_the_python_csv(tmp_path):
    from mailbot.export import write_csv
    from mailbot.export_sql import iter_csv_rows, write_csv_rows

    engine = _register(tmp_path)
    with Session(engine) as session:
        python_csv, sql_csv = io.StringIO(), io.StringIO()
        write_csv(iter_records(session), python_csv)
        write_csv_rows(iter_csv_rows(session, batch=2), sql_csv)
    assert sql_csv.getvalue() == python_csv.getvalue()
    assert sql_csv.getvalue().count("\r\n") >= 7           # header + six messages (one subject has a newline)


def test_the_csv_names_each_bounced_recipient(tmp_path):
    import csv

    from mailbot.export_sql import iter_csv_rows, write_csv_rows

    engine = _register(tmp_path)
    with Session(engine) as session:
        out = io.StringIO()
        write_csv_rows(iter_csv_rows(session), out)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff")))}
    assert rows["6"]["bounce_recipients"] == "fp@mfa.gov.example failed 5.1.1; cc@mfa.gov.example delayed"
    assert rows["1"]["bounce_recipients"] == ""
