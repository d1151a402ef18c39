"""Guide cases 24-29: hostile documents, through the whole pipeline against Dovecot.

The extractors' own limits are tested in tests/documents; here the pipeline's promises are checked:
the contribution is registered and acknowledged whatever its document does, and a person is told.
"""
from __future__ import annotations

import pytest

from tests.corpus import REPO_ROOT
from tests.hostile import messages

pytestmark = pytest.mark.servers


def _document(hostile, case, tag):
    """(record, the single document's export entry) of an acknowledged contribution."""
    record, _row = case(tag)
    assert record["kind"] == "contribution", tag
    hostile.assert_acknowledged_once(messages.mid(tag), record)
    (document,) = record["attachments"]
    return record, document


def _corpus_tags(hostile, prefix):
    tags = [tag for tag in hostile.uids if tag.startswith(prefix) and tag in messages.CORPUS_DOCUMENTS]
    if not tags:
        pytest.skip("shared corpus not found (set MAILBOT_CORPUS)")
    return tags


def _flagged(record, status):
    return record["needs_review"] and any(status.replace("_", " ") in reason for reason in record["review_reasons"])


def test_case_24_broken_pdfs_are_registered_acknowledged_and_flagged(hostile, case):
    for tag in ("case24-recursive-pages", "case24-bomb"):      # a page tree that loops has no page to read
        record, document = _document(hostile, case, tag)
        assert document["status"] in ("corrupt", "timeout", "too_large", "empty"), (tag, document)
        assert _flagged(record, document["status"]), (tag, record["review_reasons"])
    record, document = _document(hostile, case, "case24-broken-xref")   # a broken xref is repairable
    assert document["status"] == "ok" and document["text_chars"] > 10


def test_case_24_compression_bomb_stops_at_the_worker_limits(hostile, case):
    record, document = _document(hostile, case, "case24-bomb")
    assert document["status"] in ("corrupt", "timeout", "too_large"), document
    assert _flagged(record, document["status"])


def test_case_24_corpus_broken_pdfs_never_stop_the_pipeline(hostile, case):
    for tag in _corpus_tags(hostile, "case24-corpus"):
        record, document = _document(hostile, case, tag)
        assert document["status"] == "ok" or _flagged(record, document["status"]), (tag, document)


def test_case_25_encrypted_pdf_empty_password_read_real_password_flagged(hostile, case):
    _corpus_tags(hostile, "case25")
    _record, document = _document(hostile, case, "case25-empty-password")
    assert document["status"] == "ok"
    record, document = _document(hostile, case, "case25-real-password")
    assert document["status"] == "encrypted" and _flagged(record, "encrypted")


def test_case_25_acknowledgement_asks_for_an_open_copy(hostile, case):
    _corpus_tags(hostile, "case25")
    record, _ = case("case25-real-password")
    (reply,) = hostile.replies_to(messages.mid("case25-real-password"))
    body = reply.message().get_body(("plain",)).get_content().lower()
    assert "readable copy" in body


def test_case_26_scanned_pdf_is_image_only_or_read_by_ocr(hostile, case):
    _corpus_tags(hostile, "case26")
    record, document = _document(hostile, case, "case26-scanned")
    assert document["status"] in ("image_only", "ok", "empty")
    if document["status"] != "ok":
        assert _flagged(record, document["status"]), record["review_reasons"]


def test_case_27_docx_entities_never_expand_nor_read_files(hostile, case):
    for tag in ("case27-entities", "case27-zip-bomb"):
        record, document = _document(hostile, case, tag)
        assert document["text_chars"] < 10_000, (tag, document)
        texts = hostile.query("SELECT text FROM extraction WHERE sha256 = ?", document["sha256"])
        assert not any("root:" in text or "lollollol" in text for (text,) in texts)
        assert document["status"] == "ok" or _flagged(record, document["status"]), (tag, document)


def test_case_27_zip_bomb_is_refused_before_inflating(hostile, case):
    _record, document = _document(hostile, case, "case27-zip-bomb")
    assert document["status"] in ("corrupt", "too_large")


def test_case_28_documents_are_routed_by_their_bytes_not_their_names(hostile, case):
    _record, document = _document(hostile, case, "case28-html-as-pdf")
    assert document["content_type"] == "text/html"
    assert document["filename"] == "really-html.pdf"


def test_case_28_misnamed_documents_are_read_by_their_real_type(hostile, case):
    _record, document = _document(hostile, case, "case28-html-as-pdf")
    assert document["status"] == "ok"
    _corpus_tags(hostile, "case28")
    _record, document = _document(hostile, case, "case28-docx-named-doc")
    assert document["content_type"].endswith("wordprocessingml.document") and document["status"] == "ok"


def test_case_29_converter_never_runs_a_shell_on_a_hostile_name(hostile, case):
    _corpus_tags(hostile, "case29")
    _record, document = _document(hostile, case, "case29-shell-name")
    assert document["filename"].startswith("x;touch")
    for folder in (REPO_ROOT, hostile.state_dir, hostile.state_dir.parent):
        assert not list(folder.rglob("PWNED-case29*")), folder
