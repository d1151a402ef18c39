"""Attached documents: the title block of the first page says who wrote it."""
from __future__ import annotations

from mailbot.attribution.collectors.common import to_evidence

_TITLE_LINES = 15
_MAX_CHARS = 30000
_TITLE_KINDS = {"explicit": "doc_author", "label": "doc_label", "institution": "doc_institution",
                "title_line": "doc_title_line"}
_TEXT_KINDS = {"explicit": "doc_text_author", "label": "doc_text_author"}


def collect_documents(view, ctx) -> list:
    found = []
    for document in view.documents:
        collector = "ocr_document" if document.ocr else "document"   # engine flags OCR-only attributions
        lines = [line for line in document.first_page.splitlines() if line.strip()]
        title, rest = "\n".join(lines[:_TITLE_LINES]), "\n".join(lines[_TITLE_LINES:])
        where = f"document {document.filename!r}"
        found += to_evidence(collector, ctx.analyser.analyse(title[:3000], title_block=True), _TITLE_KINDS,
                             f"{where}, title block")
        remainder = rest + "\n" + document.text[len(document.first_page):]
        if remainder.strip():
            findings = ctx.analyser.analyse(remainder[:_MAX_CHARS], title_block=False, short_lines=False)
            found += to_evidence(collector, findings, _TEXT_KINDS, f"{where}, text")
    return found
