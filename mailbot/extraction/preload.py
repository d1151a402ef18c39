"""Readers and language profiles loaded in one go (kept for tools that want a warm process; the fork
server preloads only mailbot.extraction.worker, so its idle pages do not weigh on every worker)."""
from __future__ import annotations

import parsers.documents  # noqa: F401
import parsers.documents.docx  # noqa: F401
import parsers.documents.pdf  # noqa: F401
from parsers.language import _factory

try:
    import pdfminer.converter  # noqa: F401
    import pdfminer.pdfinterp  # noqa: F401
    import pdfminer.pdfpage  # noqa: F401

    _factory()
except ImportError:           # a missing optional reader only shows up when a document needs it
    pass
