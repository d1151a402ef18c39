"""Item 10: reading misses on the shared corpus, an oversized header, and workers that cannot start."""
from __future__ import annotations

import io
import logging

from mailbot.extraction.pool import WorkerPool
from mailbot.extraction.worker import WorkerConfig
from parsers.documents import Limits, extract_document
from parsers.message import parse_message
from tests.corpus import require_corpus
from tests.ops.cli import DEMO_NOW, mailbot


def _corpus_file(name: str) -> bytes:
    return (require_corpus("docs") / name).read_bytes()


def test_nasty_odt_gives_its_text_without_its_entity():
    result = extract_document(_corpus_file("odt/nasty.odt"), sniffed_type="", filename="nasty.odt",
                              limits=Limits())
    assert result.status == "ok" and result.text.strip() == "Test:"


def test_an_odt_with_a_billion_laughs_dtd_is_read_without_expanding_it():
    import zipfile

    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="PLACEHOLDER"))
    plain = io.BytesIO()
    document.write(plain)
    laughs = b'<!DOCTYPE x [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    source, buffer = zipfile.ZipFile(io.BytesIO(plain.getvalue())), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "content.xml":
                declaration, _, rest = data.partition(b"?>")
                data = declaration + b"?>" + laughs + rest.replace(b"PLACEHOLDER", b"Kept &b; &amp; read")
            archive.writestr(member, data)
    result = extract_document(buffer.getvalue(), sniffed_type="", filename="x.odt", limits=Limits())
    assert result.status == "ok" and " ".join(result.text.split()) == "Kept & read"
    assert "lol" not in result.text


def test_text_in_nested_tables_is_read():
    from tests.builders import docx_bytes

    def nested_tables(document):
        outer = document.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "outer cell"
        inner = outer.cell(0, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "inner one", "inner two"

    result = extract_document(docx_bytes(build=nested_tables), sniffed_type="", filename="t.docx", limits=Limits())
    assert result.status == "ok" and all(words in result.text for words in ("outer cell", "inner one", "inner two"))


def test_the_corpus_nested_tables_docx_has_no_text_to_give():
    """Its three (nested) tables are empty: no w:t element anywhere, so `empty` is the truth."""
    import zipfile

    data = _corpus_file("docx/nested_tables.docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<w:t" not in archive.read("word/document.xml").replace(b"<w:tbl", b"").replace(b"<w:tc", b"") \
            .replace(b"<w:tr", b"")
    assert extract_document(data, sniffed_type="", filename="n.docx", limits=Limits()).status == "empty"


BIG_SUBJECT = (b"Subject: " + b"x" * 2_000_000 + b"\r\nFrom: Focal Point <focal@mfa.go.ke>\r\n"
               b"To: contributions@itu.int\r\nMessage-ID: <kept-after-big-subject@mfa.go.ke>\r\n"
               b"Date: Thu, 09 Jan 2020 10:00:00 +0100\r\n\r\nOur contribution.\r\n")


def test_a_2_mb_subject_is_left_out_and_the_headers_after_it_kept():
    parsed = parse_message(BIG_SUBJECT)
    assert parsed.message_id == "<kept-after-big-subject@mfa.go.ke>"
    assert parsed.sender.address == "focal@mfa.go.ke" and "Our contribution." in parsed.body_text
    assert any("Subject (2,000,011 bytes)" in defect and "were not read" in defect for defect in parsed.defects)


def test_the_2_mb_subject_message_is_registered_with_its_message_id(tmp_path):
    import json

    inbox = tmp_path / "inbox"
    for folder in ("new", "cur", "tmp"):
        (inbox / folder).mkdir(parents=True)
    (inbox / "new" / "1578560400.big.demo").write_bytes(BIG_SUBJECT)
    state, env = tmp_path / "state", {"MAILBOT_MAILDIR_PATH": str(inbox)}
    assert mailbot("run", "--once", "--now", DEMO_NOW, state=state, env=env).code == 0
    (record,) = json.loads(mailbot("export", state=state, env=env).out)
    assert record["message_id"] == "<kept-after-big-subject@mfa.go.ke>"
    assert record["from_address"] == "focal@mfa.go.ke" and record["needs_review"] is True


def test_a_worker_that_cannot_start_is_not_restarted_in_a_loop(caplog):
    from tests.ops.never_starts import die_at_once

    pool = WorkerPool(2, WorkerConfig(Limits(), 512, 10), timeout_seconds=10)
    pool.target = die_at_once
    try:
        with caplog.at_level(logging.ERROR, logger="mailbot.extraction"):
            first = pool.run([(str(number), b"hello", "text/plain", None) for number in range(5)])
            second = pool.run([("later", b"hello", "text/plain", None)])
    finally:
        pool.close()
    assert {result.status for result in [*first.values(), *second.values()]} == {"timeout"}
    assert all("could not start" in result.reason and "exit code 70" in result.reason for result in first.values())
    assert len(first) == 5 and pool.unavailable
    errors = [record for record in caplog.records if "cannot start" in record.getMessage()]
    assert len(errors) == 1                       # reported once, not once per document


def test_a_pool_that_starts_reads_as_before():
    pool = WorkerPool(1, WorkerConfig(Limits(), 512, 10), timeout_seconds=30)
    try:
        results = pool.run([("a", "Plain words here.".encode(), "text/plain", None)])
    finally:
        pool.close()
    assert results["a"].status == "ok" and pool.start_failures == 0 and not pool.unavailable
