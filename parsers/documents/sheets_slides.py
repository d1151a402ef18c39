"""Excel .xlsx and PowerPoint .pptx: their text (shared strings and inline cells; slide and notes text)."""
from __future__ import annotations

import re
import zipfile

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.limits import Limits
from parsers.documents.ooxml_text import element_text, local_name
from parsers.documents.result import text_result
from parsers.documents.safety import open_checked_zip, parse_xml
from parsers.types import ExtractResult

_NUMBER = re.compile(r"(\d+)")
_SLIDE = re.compile(r"^ppt/slides/slide\d+\.xml$")
_NOTES = re.compile(r"^ppt/notesSlides/notesSlide\d+\.xml$")
_SHEET = re.compile(r"^xl/worksheets/sheet\d+\.xml$")


def extract_pptx(data: bytes, limits: Limits) -> ExtractResult:
    with open_checked_zip(data, limits, "PowerPoint") as archive:
        slides = _texts(archive, _SLIDE)
        notes = _texts(archive, _NOTES)
    text = "\n\n".join(slides + notes)
    return text_result(text, limits, first_page_text=slides[0] if slides else "", pages=len(slides) or None)


def extract_xlsx(data: bytes, limits: Limits) -> ExtractResult:
    """Shared strings hold nearly all of a workbook's words; inline strings are added per sheet."""
    with open_checked_zip(data, limits, "Excel") as archive:
        names = set(archive.namelist())
        shared = _read(archive, "xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else None
        strings = [element_text(item).strip() for item in parse_xml(shared)] if shared else []
        inline = [_inline_strings(parse_xml(_read(archive, name)))
                  for name in sorted((n for n in names if _SHEET.match(n)), key=_natural)]
    text = "\n".join(piece for piece in strings + inline if piece)
    return text_result(text, limits)


def _inline_strings(sheet) -> str:
    found = []
    for cell in sheet.iter():
        if local_name(cell.tag) == "c" and cell.get("t") == "inlineStr":
            found.append(element_text(cell).strip())
    return "\n".join(piece for piece in found if piece)


def _texts(archive: zipfile.ZipFile, pattern: re.Pattern) -> list[str]:
    names = sorted((name for name in archive.namelist() if pattern.match(name)), key=_natural)
    return [element_text(parse_xml(_read(archive, name))).strip() for name in names]


def _natural(name: str):
    return [int(piece) if piece.isdigit() else piece for piece in _NUMBER.split(name)]


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
        raise ExtractionError("corrupt", reasons.corrupt("Office", "a part cannot be unpacked")) from err
