"""Bounds every extractor respects: sizes, counts, depth, time for external programs, OCR."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Limits:
    """What one document may cost; the worker pool adds CPU, memory and wall-clock limits."""

    max_bytes: int = 50 * 1024 * 1024            # a document larger than this is too_large
    max_archive_entries: int = 1000               # zip / docx / odt members
    max_archive_total_bytes: int = 200 * 1024 * 1024   # declared uncompressed size of all members
    max_compression_ratio: float = 100.0          # per member, uncompressed / compressed
    max_depth: int = 3                            # containers inside containers
    max_pdf_pages: int = 2000                     # pages read for text
    max_text_chars: int = 5_000_000               # text kept per document
    program_timeout_seconds: float = 60.0         # antiword, catdoc, pdftoppm, tesseract
    ocr: bool = True
    ocr_languages: str = "eng+fra+spa+rus+ara+chi_sim"
    ocr_max_pages: int = 10
    pdf_engine: str = "poppler"                   # poppler (pdftotext where installed) | pdfminer
    depth: int = 0                                # how deep inside containers this document is

    def nested(self) -> "Limits":
        """The limits for a member of a container one level down."""
        return replace(self, depth=self.depth + 1)
