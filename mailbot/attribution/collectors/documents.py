"""Attached documents: the title block of the first page says who wrote it."""
from __future__ import annotations

from mailbot.attribution.collectors.common import to_evidence
from mailbot.attribution.document_findings import DocumentFindings, carried, find, reference_key

_TITLE_KINDS = {"explicit": "doc_author", "label": "doc_label", "institution": "doc_institution",
                "title_line": "doc_title_line"}
_TEXT_KINDS = {"explicit": "doc_text_author", "label": "doc_text_author"}


def collect_documents(view, ctx) -> list:
    found = []
    for document in view.documents:
        collector = "ocr_document" if document.ocr else "document"   # engine flags OCR-only attributions
        where = f"document {document.filename!r}"
        findings = findings_of(document, ctx)
        found += to_evidence(collector, list(findings.title), _TITLE_KINDS, f"{where}, title block")
        if findings.text is not None:
            found += to_evidence(collector, list(findings.text), _TEXT_KINDS, f"{where}, text")
    return found


def findings_of(document, ctx) -> DocumentFindings:
    """The findings the extraction worker sent with the text when they were found with the name tables
    in use; found here otherwise (a cached extraction, other reference data, no worker)."""
    found = carried(document.findings, ctx.reference)
    return found if found is not None else find(ctx.analyser, document.first_page, document.text,
                                                reference_key(ctx.reference))
