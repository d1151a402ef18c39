"""PDF text by pdftotext (poppler) and by pdfminer.six: the same words, the same statuses."""
from __future__ import annotations

from dataclasses import replace

import pytest

from parsers.errors import ExtractionError
from parsers.documents import extract_document, pdf_poppler
from tests.documents import pdfgen

needs_poppler = pytest.mark.skipif(not pdf_poppler.available(), reason="pdftotext (poppler-utils) is not installed")


def _both(data: bytes, limits):
    fast = extract_document(data, sniffed_type="", filename="a.pdf", limits=replace(limits, pdf_engine="poppler"))
    slow = extract_document(data, sniffed_type="", filename="a.pdf", limits=replace(limits, pdf_engine="pdfminer"))
    return fast, slow


@needs_poppler
def test_both_engines_read_the_same_words_page_by_page(limits):
    data = pdfgen.text_pdf([["Contribution of the Republic of Kenya", "on the GCA guidelines"],
                            ["second page text"], ["third page: Geneva, 15 January 2020"]])
    fast, slow = _both(data, limits)
    assert fast.status == slow.status == "ok"
    assert fast.text.split() == slow.text.split()
    assert fast.first_page_text.split() == slow.first_page_text.split()
    assert fast.pages == slow.pages == 3
    assert fast.language == slow.language


@needs_poppler
def test_page_cap_is_respected(limits):
    data = pdfgen.text_pdf([[f"page number {number}"] for number in range(1, 6)])
    fast = extract_document(data, sniffed_type="", filename="a.pdf", limits=replace(limits, max_pdf_pages=2))
    assert fast.pages == 2 and "page number 2" in fast.text and "page number 3" not in fast.text
    assert fast.metadata["pages_read"] == "first 2 pages only"


@needs_poppler
def test_a_pdf_without_text_still_reaches_pdfminer_statuses(limits):
    blank = pdfgen.text_pdf([[""]])
    fast, slow = _both(blank, limits)
    assert fast.status == slow.status == "empty"


@needs_poppler
def test_pdftotext_overrunning_its_time_is_a_timeout(limits):
    data = pdfgen.text_pdf([["some text"]])
    with pytest.raises(ExtractionError) as raised:
        pdf_poppler.page_texts(data, replace(limits, program_timeout_seconds=0.000001))
    assert raised.value.status == "timeout"


def test_without_pdftotext_pdfminer_reads_the_text(limits, monkeypatch):
    monkeypatch.setattr(pdf_poppler, "available", lambda: False)
    result = extract_document(pdfgen.text_pdf([["read by pdfminer"]]), sniffed_type="", filename="a.pdf",
                              limits=limits)
    assert result.status == "ok" and result.text == "read by pdfminer"


@needs_poppler
def test_a_file_pdftotext_refuses_falls_back_to_pdfminer(limits, monkeypatch):
    """A nonzero exit (damaged file, refused permissions): pdfminer.six gives its reading or status."""
    import subprocess

    def refusing(args, **_kwargs):
        return subprocess.CompletedProcess(args, 3, b"", b"Permission Error")

    monkeypatch.setattr(pdf_poppler, "run_program", refusing)
    result = extract_document(pdfgen.text_pdf([["still read"]]), sniffed_type="", filename="a.pdf", limits=limits)
    assert result.status == "ok" and result.text == "still read"


@needs_poppler
def test_right_to_left_embedding_controls_are_dropped_between_words(limits, monkeypatch):
    import subprocess

    output = "\u202bﻋﻨﺪﻱ \u202a 47\u202cﻗﻄﻂ\u202c\n\u202bﻣﺮﺣﺒﺎ\u202c\f".encode()
    monkeypatch.setattr(pdf_poppler, "run_program",
                        lambda args, **_kwargs: subprocess.CompletedProcess(args, 0, output, b""))
    assert pdf_poppler.page_texts(b"%PDF-1.4", limits) == ["ﻋﻨﺪﻱ 47 ﻗﻄﻂ\nﻣﺮﺣﺒﺎ"]
