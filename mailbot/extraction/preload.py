"""Imported once by the fork server so every worker starts with readers and language profiles loaded."""
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
