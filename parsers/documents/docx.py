"""Word .docx: body, tables, headers/footers, foot/endnotes, text boxes; insertions kept, deletions dropped.

The parts are found through [Content_Types].xml and parsed with a non-resolving lxml parser after a
DOCTYPE/ENTITY check.  python-docx's `paragraph.text` skips tracked insertions and text boxes and does
not read Strict OOXML, so the XML is walked directly (by local names, which covers both namespaces).
"""
from __future__ import annotations

import re
import zipfile

from parsers.errors import ExtractionError
from parsers.documents import reasons, text as text_module
from parsers.documents.limits import Limits
from parsers.documents.ooxml_text import element_text, local_name
from parsers.documents.result import text_result
from parsers.documents.safety import check_xml, open_checked_zip, parse_xml
from parsers.types import ExtractResult

KIND = "Word"
MAIN_TYPES = ("document.main+xml", "document.macroEnabled.main+xml", "template.main+xml",
              "template.macroEnabledTemplate.main+xml")
_NUMBER = re.compile(r"(\d+)")


def extract(data: bytes, limits: Limits) -> ExtractResult:
    archive = open_checked_zip(data, limits, KIND)
    with archive:
        parts = _xml_parts(archive)
        for name in parts:
            check_xml(parts[name])
        types = _content_types(parts)
        main = _main_part(parts, types)
        if main is None:
            raise ExtractionError("corrupt", reasons.corrupt(KIND, "it has no main document part"))
        body = element_text(parse_xml(parts[main]))
        headers = _texts_of(parts, types, ("header+xml",))
        notes = _texts_of(parts, types, ("footnotes+xml", "endnotes+xml"))
        footers = _texts_of(parts, types, ("footer+xml",))
        chunks = _alt_chunks(archive, limits)
    head = "\n".join(headers)
    text = "\n\n".join(chunk for chunk in (head, body, *chunks, *notes, *footers) if chunk.strip())
    first = "\n\n".join(chunk for chunk in (head, body[:3000]) if chunk.strip())
    return text_result(text, limits, first_page_text=first, metadata=_metadata(parts))


def _xml_parts(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Every XML part by name: *.xml, *.rels and whatever [Content_Types].xml declares as XML
    (sizes already checked by open_checked_zip)."""
    names = {member.filename for member in archive.infolist() if member.filename.endswith((".xml", ".rels"))}
    if "[Content_Types].xml" in names:
        declared = _content_types({"[Content_Types].xml": _read(archive, "[Content_Types].xml")})
        names |= {name for name, ctype in declared.items() if ctype.endswith("xml")}
    present = set(archive.namelist())
    return {name: _read(archive, name) for name in sorted(names & present)}


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
        raise ExtractionError("corrupt", reasons.corrupt(KIND, "a part cannot be unpacked")) from err


def _content_types(parts: dict[str, bytes]) -> dict[str, str]:
    """Part name (without leading slash) -> content type, from the Override entries."""
    raw = parts.get("[Content_Types].xml")
    if raw is None:
        return {}
    types = {}
    for element in parse_xml(raw):
        if local_name(element.tag) == "Override":
            types[element.get("PartName", "").lstrip("/")] = element.get("ContentType", "")
    return types


def _main_part(parts: dict[str, bytes], types: dict[str, str]) -> str | None:
    for name, content_type in types.items():
        if content_type.endswith(MAIN_TYPES) and name in parts:
            return name
    return "word/document.xml" if "word/document.xml" in parts else None


def _natural(name: str):
    return [int(piece) if piece.isdigit() else piece for piece in _NUMBER.split(name)]


def _texts_of(parts, types, suffixes) -> list[str]:
    """Texts of the parts of the given content types, in part-name order, duplicates once."""
    seen: list[str] = []
    for name in sorted(types, key=_natural):
        if types[name].endswith(suffixes) and name in parts:
            text = element_text(parse_xml(parts[name])).strip()
            if text and text not in seen:
                seen.append(text)
    return seen


def _alt_chunks(archive: zipfile.ZipFile, limits: Limits) -> list[str]:
    """altChunk parts (HTML or MHT pasted into Word) read with the HTML extractor."""
    chunks = []
    for member in archive.infolist():
        lower = member.filename.lower()
        if lower.startswith("word/") and lower.endswith((".mht", ".mhtml", ".htm", ".html")):
            raw = archive.read(member)
            chunks.append(text_module.mht_or_html_text(raw))
    return chunks


def _metadata(parts: dict[str, bytes]) -> dict:
    """Title, author, company and dates from docProps (core.xml and app.xml)."""
    wanted = {"title": "title", "creator": "author", "lastModifiedBy": "last_modified_by",
              "created": "created", "modified": "modified", "subject": "subject", "Company": "company"}
    found = {}
    for name in ("docProps/core.xml", "docProps/app.xml"):
        if name not in parts:
            continue
        try:
            root = parse_xml(parts[name])
        except ExtractionError:
            continue
        for element in root:
            key = wanted.get(local_name(element.tag) or "")
            if key and element.text and element.text.strip():
                found[key] = element.text.strip()
    return found
