"""Loaded by the extraction fork server before it forks any worker: the usual readers and the language
profiles, loaded once there, are shared by every worker (each paid ~0.1-0.2 s for them on its first
document, one after the other on a busy machine)."""
from __future__ import annotations

import mailbot.extraction.worker  # noqa: F401  (the workers' entry point)
import parsers.documents.docx  # noqa: F401  (Word, the usual format of contributions)
import parsers.documents.pdf  # noqa: F401
import parsers.documents.pdf_poppler  # noqa: F401
from parsers.language import load_profiles

load_profiles()          # langdetect's profiles, parsed once for every worker
