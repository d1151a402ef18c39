"""The shared real-world corpus: every document gets a status, none raises, known cases as expected."""
from __future__ import annotations

import hashlib

import pytest

from parsers.documents import Limits, extract_document
from parsers.types import EXTRACT_STATUSES
from tests.corpus import corpus_dir, require_corpus

pytestmark = pytest.mark.corpus

ENCRYPTED = ["docs/doc/rc4_cryptoapi_encrypted.doc", "docs/docx/password_encrypted.docx",
             "docs/odt/encrypted.odt", "docs/pdf/encrypted_aes256_r6_password_required.pdf",
             "docs/pdf/unicode_password.pdf", "docs/pdf/microsoft_irm_protected.pdf",
             "mime/unstructured_encrypted.msg"]
OPENS_WITHOUT_PASSWORD = ["docs/pdf/encrypted_rc4_r2_empty_password.pdf",
                          "docs/pdf/polish_invoice_identity_cmap.pdf",
                          "docs/pdf/copy_protected_owner_password.pdf"]
SCANNED = ["docs/pdf/scanned_fax_ccitt.pdf", "docs/pdf/scanned_image_only_3pages.pdf",
           "docs/pdf/scanned_jbig2.pdf", "docs/pdf/jpeg2000_image.pdf"]
CORRUPT = ["docs/docx/truncated.docx", "mime/tnef/winmail_badchecksum.dat"]
# Misnamed files: routed by their bytes, not their extension.
ROUTED = {
    "docs/doc/docx_misnamed_as_eng_spa.doc": ("ok", "wordprocessingml"),
    "docs/doc/wordml_xml_named_doc.doc": ("ok", "application/vnd.ms-wordml"),
    "docs/odt/not_a_zip.odt": ("ok", "text/plain"),
    "docs/doc/wordperfect_named_doc.doc": ("unsupported", "application/octet-stream"),
}
TEXT_EXPECTED = {
    "docs/docx/footnotes.docx": "A tachyon walks into a bar",
    "docs/docx/endnotes.docx": "A tachyon walks into a bar",
    "docs/odt/header_footer.odt": "Footer",
    "docs/doc/word6.doc": "The quick brown fox",
    "docs/pdf/encrypted_rc4_r2_empty_password.pdf": "pdf encryption test",
    "docs/rtf/ukrainian_court_ruling_cp1251.rtf": "грудня",
    "docs/rtf/polish_gdpr_cp1250.rtf": "Proszę",
    "docs/pdf/multilang_ar_ru_zh_th_ja.pdf": "Привет",
    "mime/tika_msg_with_doc_attachment.msg": "école",
}
LANGUAGE_EXPECTED = {"docs/docx/arabic_itu_tracked_changes.docx": "ar", "docs/pdf/french_paper.pdf": "fr",
                     "docs/docx/chinese_tour_plan.docx": "zh", "docs/docx/spanish_tracked_deleted_para_mark.docx": "es"}


def _corpus_files() -> list[str]:
    root = corpus_dir()
    if not root.is_dir():
        return []
    found = [path for path in (root / "docs").rglob("*") if path.is_file()]
    found += list((root / "mime").glob("*.msg")) + list((root / "mime" / "tnef").glob("*"))
    found += list((root / "mime").glob("*.eml"))
    return sorted(str(path.relative_to(root)) for path in found)


def _extract(relative: str, **overrides):
    path = require_corpus() / relative
    sniffed = "message/rfc822" if relative.endswith(".eml") else ""
    limits = Limits(**{"ocr": False, "program_timeout_seconds": 30, **overrides})
    return extract_document(path.read_bytes(), sniffed_type=sniffed, filename=path.name, limits=limits)


def test_corpus_is_listed():
    require_corpus()
    assert len(_corpus_files()) > 100


@pytest.mark.parametrize("relative", _corpus_files() or ["(corpus absent)"])
def test_every_file_gets_a_status(relative):
    if relative == "(corpus absent)":
        require_corpus("docs")
    result = _extract(relative)
    assert result.status in EXTRACT_STATUSES
    assert result.status == "ok" or result.reason, "every failure carries a reason"
    assert result.status != "ok" or result.text
    assert len(result.text) <= Limits().max_text_chars


@pytest.mark.parametrize("relative", ENCRYPTED)
def test_encrypted_files_are_encrypted(relative):
    result = _extract(relative)
    assert result.status == "encrypted"
    assert "sender" in result.reason


@pytest.mark.parametrize("relative", OPENS_WITHOUT_PASSWORD)
def test_empty_user_password_pdfs_are_read(relative):
    assert _extract(relative).status == "ok"


@pytest.mark.parametrize("relative", SCANNED)
def test_scanned_pdfs_are_image_only_without_ocr(relative):
    result = _extract(relative)
    assert result.status == "image_only"
    assert not result.ocr and "OCR" in result.reason


def test_scan_with_an_ocr_layer_is_text():
    result = _extract("docs/pdf/scanned_with_ocr_layer.pdf")
    assert result.status == "ok" and not result.ocr


@pytest.mark.parametrize("relative", CORRUPT)
def test_damaged_files_are_corrupt(relative):
    result = _extract(relative)
    assert result.status == "corrupt"
    assert "damaged" in result.reason


@pytest.mark.parametrize("relative", sorted(ROUTED))
def test_misnamed_files_are_routed_by_bytes(relative):
    status, type_fragment = ROUTED[relative]
    result = _extract(relative)
    assert result.status == status
    assert type_fragment in result.metadata["type"]


@pytest.mark.parametrize("relative", sorted(TEXT_EXPECTED))
def test_known_text_is_found(relative):
    assert TEXT_EXPECTED[relative] in _extract(relative).text


@pytest.mark.parametrize("relative", sorted(LANGUAGE_EXPECTED))
def test_language_of_real_documents(relative):
    assert _extract(relative).language == LANGUAGE_EXPECTED[relative]


def test_tracked_deletions_are_dropped_from_the_arabic_itu_document():
    """Every w:delText of the real document is absent unless the same words also appear as kept text."""
    import re
    import zipfile

    path = require_corpus("docs", "docx") / "arabic_itu_tracked_changes.docx"
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    deleted = re.findall(r"<w:delText[^>]*>([^<]{25,})</w:delText>", xml)
    kept = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    text = _extract("docs/docx/arabic_itu_tracked_changes.docx").text
    checked = [fragment for fragment in deleted if fragment not in kept]
    assert checked, "the document has long deleted runs"
    assert all(fragment not in text for fragment in checked)


def test_outlook_containers_expose_their_attachments():
    with_doc = _extract("mime/tika_msg_with_doc_attachment.msg")
    assert [part.metadata["filename"] for part in with_doc.parts] == ["test-unicode.doc", "pj1.txt"]
    embedded = _extract("mime/tika_msg_with_embedded_msg.msg")
    assert len(embedded.parts) == 2 and embedded.parts[0].metadata.get("subject")
    winmail = _extract("mime/tnef/tika_winmail.dat")
    assert winmail.status == "ok" and len(winmail.parts) >= 2


def test_whole_corpus_through_the_worker_pool_with_ocr(make_extractor):
    """The isolated path: every document through Extractor (OCR on, one page), none lost or over limits."""
    require_corpus("docs")
    items = []
    for relative in _corpus_files():
        if relative.endswith(".eml"):
            continue
        data = (corpus_dir() / relative).read_bytes()
        items.append((hashlib.sha256(data).hexdigest(), data, "", relative.rsplit("/", 1)[-1]))
    extractor = make_extractor(ocr=True, ocr_max_pages=1, timeout_seconds=60)
    results = extractor.extract_all(items)
    assert set(results) == {item[0] for item in items}
    assert all(result.status in EXTRACT_STATUSES for result in results.values())
    assert not [result for result in results.values() if result.status in ("timeout", "too_large")]
    by_name = {item[3]: results[item[0]] for item in items}
    for relative in SCANNED:
        result = by_name[relative.rsplit("/", 1)[-1]]
        assert result.status == "image_only" or (result.status == "ok" and result.ocr)
    assert by_name["scanned_image_only_3pages.pdf"].ocr or not _tesseract()


def _tesseract() -> bool:
    from parsers.documents.ocr import ocr_available

    return ocr_available(Limits())
