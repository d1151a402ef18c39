"""OCR of scanned PDFs: pdftoppm rasterizes the first pages, tesseract reads them, installed languages only."""
from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from parsers.documents import reasons
from parsers.documents.external import private_dir, run_program, write_input
from parsers.documents.limits import Limits
from parsers.documents.result import text_result
from parsers.types import ExtractResult

DPI = "200"


@functools.lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """Languages tesseract has data for (`tesseract --list-langs`); empty when it is missing."""
    if not shutil.which("tesseract"):
        return frozenset()
    try:
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30,
                                 check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = listing.stdout.decode("utf-8", "replace").splitlines()
    return frozenset(line.strip() for line in lines[1:] if line.strip() and line.strip() != "osd")


def usable_languages(wanted: str) -> str:
    """The configured languages that are installed, as tesseract's `-l` value ('' when none)."""
    installed = installed_languages()
    return "+".join(lang for lang in wanted.split("+") if lang.strip() in installed)


def ocr_available(limits: Limits) -> bool:
    return bool(limits.ocr and shutil.which("pdftoppm") and usable_languages(limits.ocr_languages))


def ocr_pdf(data: bytes, limits: Limits, *, pages: int, metadata: dict,
            undecodable: bool) -> ExtractResult:
    """`ok` with ocr=True, or `image_only` saying why no text came out."""
    no_text = ("PDF's text cannot be decoded (its fonts carry no character map) and OCR is not "
               "available; read it by eye.") if undecodable else reasons.IMAGE_ONLY
    if not ocr_available(limits):
        return ExtractResult(status="image_only", reason=no_text, pages=pages, metadata=metadata)
    page_count = min(max(pages, 1), limits.ocr_max_pages)
    texts = _ocr_pages(data, limits, page_count)
    if pages > page_count:
        metadata = {**metadata, "ocr_pages": f"first {page_count} of {pages}"}
    return text_result("\n\f".join(texts), limits, first_page_text=texts[0] if texts else "",
                       pages=pages, metadata=metadata, ocr=True, empty_status="image_only",
                       empty_reason=reasons.IMAGE_ONLY_OCR_EMPTY)


def _ocr_pages(data: bytes, limits: Limits, page_count: int) -> list[str]:
    languages = usable_languages(limits.ocr_languages)
    with private_dir() as folder:
        source = write_input(folder, data, ".pdf")
        prefix = str(Path(folder) / "page")
        run_program(["pdftoppm", "-r", DPI, "-gray", "-png", "-f", "1", "-l", str(page_count),
                     str(source), prefix], timeout=limits.program_timeout_seconds, what="scanned PDF")
        texts = []
        for image in sorted(Path(folder).glob("page*.png")):
            done = run_program(["tesseract", str(image), "stdout", "-l", languages],
                               timeout=limits.program_timeout_seconds, what="scanned page")
            texts.append(done.stdout.decode("utf-8", "replace"))
        return texts
