"""Hostile documents, items 24-29 of shared/guides/hostile-inputs.md: each ends in a status, worker alive."""
from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from parsers.documents import Limits, extract_document
from parsers.documents.safety import unsafe_name
from tests.corpus import require_corpus
from tests.documents import pdfgen
from tests.documents.make_golden import BILLION_LAUGHS, XXE, build_entity_docx, build_zip


def _item(data: bytes, name: str) -> tuple[str, bytes, str, str]:
    return hashlib.sha256(data).hexdigest(), data, "", name


def _extract(data: bytes, limits: Limits, name: str = "x") -> object:
    return extract_document(data, sniffed_type="", filename=name, limits=limits)


# 24. Recursive page trees, broken xrefs, compression bombs -> worker with limits; corrupt or timeout.
def test_24_recursive_page_tree_ends(limits):
    result = _extract(pdfgen.recursive_pages_pdf(), limits)
    assert result.status == "ok" and result.pages == 1


def test_24_self_drawing_xobject_ends(limits):
    assert _extract(pdfgen.recursive_xobject_pdf(), limits).status == "ok"


def test_24_broken_xref_is_corrupt_or_repaired(limits):
    data = pdfgen.text_pdf([["Repair me please"]])
    broken = data.replace(b"xref\n", b"xrof\n").replace(b"startxref", b"startxrof")
    result = _extract(broken, limits)
    assert result.status in ("ok", "corrupt")
    assert result.status == "corrupt" or "Repair me" in result.text


def test_24_compression_bomb_is_stopped_by_the_memory_limit(make_extractor):
    bomb = pdfgen.flate_bomb_pdf(inflated_mb=600)
    normal = pdfgen.text_pdf([["Still here after the bomb"]])
    extractor = make_extractor(workers=1, memory_mb=256)
    results = extractor.extract_all([_item(bomb, "bomb.pdf"), _item(normal, "normal.pdf")])
    assert results[_item(bomb, "")[0]].status == "too_large"
    assert results[_item(normal, "")[0]].status == "ok", "the pool goes on after the bomb"


def test_24_slow_document_times_out_and_the_pool_goes_on(make_extractor):
    slow = pdfgen.slow_pdf(operators=400_000)
    normal = pdfgen.text_pdf([["After the slow one"]])
    extractor = make_extractor(workers=1, timeout_seconds=2, pdf_engine="pdfminer")
    results = extractor.extract_all([_item(slow, "slow.pdf"), _item(normal, "normal.pdf")])
    slow_result = results[_item(slow, "")[0]]
    assert slow_result.status == "timeout" and "stopped" in slow_result.reason
    assert results[_item(normal, "")[0]].text == "After the slow one"
    assert extractor.workers_replaced == 1


def test_24_evil_recursive_xobjects_from_the_corpus(limits):
    path = require_corpus("docs", "pdf") / "evil_recursive_xobjects.pdf"
    assert _extract(path.read_bytes(), limits).status in ("ok", "corrupt", "empty")


# 25. Encrypted PDF: empty user password -> extracted; real password -> encrypted.
def test_25_encrypted_pdfs(limits):
    folder = require_corpus("docs", "pdf")
    opened = _extract((folder / "encrypted_rc4_r2_empty_password.pdf").read_bytes(), limits)
    locked = _extract((folder / "encrypted_aes256_r6_password_required.pdf").read_bytes(), limits)
    assert opened.status == "ok" and "pdf encryption test" in opened.text
    assert locked.status == "encrypted"
    assert locked.reason == "PDF is password-protected; ask the sender for an open copy."


# 26. Image-only PDF -> image_only; OCR when the engine is installed.
def test_26_image_only_without_ocr(limits):
    result = _extract(pdfgen.image_pdf(1), limits)
    assert result.status == "image_only" and not result.ocr


def test_26_scanned_pdf_is_ocred_when_tesseract_is_installed():
    from parsers.documents.ocr import ocr_available

    limits = Limits(ocr=True, ocr_max_pages=1, ocr_languages="eng+fra")
    if not ocr_available(limits):
        pytest.skip("tesseract or pdftoppm is not installed")
    path = require_corpus("docs", "pdf") / "scanned_image_only_3pages.pdf"
    result = _extract(path.read_bytes(), limits)
    assert result.status == "ok" and result.ocr
    assert result.pages == 3 and result.metadata["ocr_pages"] == "first 1 of 3"
    assert "LIMITED" in result.text.upper()


def test_26_uninstalled_ocr_languages_are_not_requested():
    from parsers.documents.ocr import installed_languages, usable_languages

    assert set(usable_languages("eng+fra+xxx_none").split("+")) <= set(installed_languages()) | {""}


# 27. DOCX with DOCTYPE/entities -> no expansion, no file read. Zip bombs, entries, overlaps refused.
def test_27_billion_laughs_docx_is_refused(limits):
    result = _extract(build_entity_docx(BILLION_LAUGHS, "&lol9;"), limits)
    assert result.status == "corrupt" and "entity" in result.reason
    assert "lollol" not in result.text


def test_27_xxe_docx_reads_no_file(limits):
    result = _extract(build_entity_docx(XXE, "&xxe;"), limits)
    assert result.status == "corrupt" and "root:" not in result.text


def test_27_utf16_encoded_doctype_is_refused():
    """A part re-encoded as UTF-16 cannot slip its DOCTYPE past the byte check."""
    from parsers.errors import ExtractionError
    from parsers.documents.safety import check_xml

    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    with pytest.raises(ExtractionError) as caught:
        check_xml(xml.encode("utf-16"))
    assert caught.value.status == "corrupt"


def _zeros_zip(megabytes: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("zeros.txt", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(bytes(1024 * 1024))
    return buffer.getvalue()


def test_27_zip_bomb_is_refused_before_inflating(limits):
    result = _extract(_zeros_zip(20), limits, "bomb.zip")
    assert result.status == "too_large" and "compression bomb" in result.reason


def test_27_huge_declared_size_is_refused(limits):
    from dataclasses import replace

    small = replace(limits, max_archive_total_bytes=5 * 1024 * 1024, max_compression_ratio=1e9)
    result = _extract(_zeros_zip(8), small, "big.zip")
    assert result.status == "too_large" and "would unpack to 8 MB" in result.reason


def test_27_too_many_entries_are_refused(limits):
    members = {f"f{index}.txt": b"x" for index in range(limits.max_archive_entries + 1)}
    result = _extract(build_zip(members), limits, "many.zip")
    assert result.status == "too_large" and "entries" in result.reason


def test_27_overlapping_entries_are_refused(limits):
    data = bytearray(build_zip({"a.txt": b"first member text", "b.txt": b"second member text"}))
    central = data.rindex(b"PK\x01\x02")               # second central directory record
    data[central + 42:central + 46] = (0).to_bytes(4, "little")   # point it at the first entry
    result = _extract(bytes(data), limits, "overlap.zip")
    assert result.status == "too_large" and "overlapping" in result.reason


def test_27_nested_zips_stop_at_the_depth_limit(limits):
    data = b"deep text"
    for level in range(limits.max_depth + 3):
        data = build_zip({f"level{level}.zip" if level else "inner.txt": data})
    result = _extract(data, limits, "nested.zip")
    assert result.status == "too_large"
    assert "nested too deeply" in result.reason


def test_27_nul_in_a_member_name_is_unsafe():
    assert unsafe_name("a\x00b.txt") and not unsafe_name("folder/a..b.txt")


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\x", "/abs/path", "C:\\x"])
def test_27_path_traversal_names_are_refused(name, limits):
    assert unsafe_name(name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("ok.txt"), b"fine")
        info = zipfile.ZipInfo("placeholder")
        info.filename = name
        archive.writestr(info, b"evil")
    result = _extract(buffer.getvalue(), limits, "traversal.zip")
    assert result.status == "corrupt" and "unsafe path names" in result.reason


# 28. A .pdf that is really HTML, a .docx that is really an old .doc -> routed by magic bytes.
def test_28_pdf_that_is_html(limits):
    html = b"<html><body><p>This contribution is HTML in disguise.</p></body></html>"
    result = extract_document(html, sniffed_type="application/pdf", filename="c.pdf", limits=limits)
    assert result.status == "ok" and result.metadata["type"] == "text/html"
    assert "HTML in disguise" in result.text


def test_28_docx_that_is_an_old_doc(limits):
    data = (require_corpus("docs", "doc") / "word6.doc").read_bytes()
    result = extract_document(data, sniffed_type="application/vnd.openxmlformats-officedocument."
                                                "wordprocessingml.document", filename="c.docx", limits=limits)
    assert result.status == "ok" and result.metadata["type"] == "application/msword"
    assert "quick brown fox" in result.text


def test_28_png_labelled_tnef(limits):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    result = extract_document(png, sniffed_type="application/ms-tnef", filename="winmail.dat", limits=limits)
    assert result.status == "unsupported" and "picture" in result.reason


# 29. External converters: argument lists, generated temporary names, timeouts.
def test_29_converter_sees_a_generated_name_not_the_senders(monkeypatch, limits):
    import subprocess

    from parsers.documents import external

    seen = []
    real_run = subprocess.run

    def spy(args, **kwargs):
        seen.append((args, kwargs))
        return real_run(args, **kwargs)

    monkeypatch.setattr(external.subprocess, "run", spy)
    data = (require_corpus("docs", "doc") / "word6.doc").read_bytes()
    result = extract_document(data, sniffed_type="", filename="$(rm -rf ~); `x`.doc", limits=limits)
    assert result.status == "ok"
    args, kwargs = seen[0]
    assert isinstance(args, list) and kwargs.get("shell") is False and kwargs["timeout"] > 0
    assert args[-1].endswith("/input.doc") and "mailbot-extract-" in args[-1]
    assert not any("rm -rf" in arg for arg in args)


def test_29_converter_timeout_becomes_a_status(tmp_path):
    from parsers.errors import ExtractionError
    from parsers.documents.external import run_program

    with pytest.raises(ExtractionError) as caught:
        run_program(["sleep", "5"], timeout=0.2, what="test file")
    assert caught.value.status == "timeout"
