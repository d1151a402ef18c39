"""OpenDocument text (.odt) via odfpy: body, notes, headers and footers; tracked deletions dropped."""
from __future__ import annotations

import zipfile
from io import BytesIO

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.limits import Limits
from parsers.documents.result import text_result
from parsers.documents.safety import check_xml, open_checked_zip, without_dtd
from parsers.types import ExtractResult

KIND = "OpenDocument"
XML_PARTS = ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml", "settings.xml")
SKIPPED = frozenset({"tracked-changes", "note-citation", "sequence-decls", "bookmark-ref"})
PARAGRAPHS = frozenset({"p", "h"})
META_KEYS = {"title": "title", "initial-creator": "author", "creator": "last_modified_by",
             "subject": "subject", "creation-date": "created"}


def extract(data: bytes, limits: Limits) -> ExtractResult:
    archive = open_checked_zip(data, limits, KIND)
    with archive:
        names = set(archive.namelist())
        originals = {name: archive.read(name) for name in XML_PARTS if name in names}
        cleaned = {name: without_dtd(part) or part for name, part in originals.items()}
        for part in cleaned.values():
            check_xml(part)            # what could not be cleaned is refused here, as before
        manifest = cleaned.get("META-INF/manifest.xml", b"")
        if any(cleaned[name] != originals[name] for name in cleaned):
            data = _with_parts(archive, cleaned)
    if b"encryption-data" in manifest:
        raise ExtractionError("encrypted", reasons.ODF_PASSWORD)
    from odf.opendocument import load

    try:
        document = load(BytesIO(data))
    except Exception as err:     # odfpy surfaces SAX, zip and key errors alike
        raise ExtractionError("corrupt", reasons.corrupt(KIND, "its content cannot be parsed")) from err
    body = _text(document.body)
    headers_footers = _text(document.masterstyles) if document.masterstyles is not None else ""
    text = "\n\n".join(chunk for chunk in (headers_footers, body) if chunk.strip())
    first = "\n\n".join(chunk for chunk in (headers_footers, body[:3000]) if chunk.strip())
    return text_result(text, limits, first_page_text=first, metadata=_metadata(document))


def _with_parts(archive: zipfile.ZipFile, parts: dict[str, bytes]) -> bytes:
    """The same package with some XML parts replaced (the DOCTYPE-free ones), for odfpy to load."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for member in archive.infolist():
            out.writestr(member, parts.get(member.filename) or archive.read(member))
    return buffer.getvalue()


def _text(node) -> str:
    out: list[str] = []
    _walk(node, out)
    return "".join(out)


def _walk(node, out: list[str]) -> None:
    from xml.dom import Node

    if node.nodeType == Node.TEXT_NODE:
        out.append(node.data)
        return
    if node.nodeType != Node.ELEMENT_NODE:
        return
    name = node.qname[1]
    if name in SKIPPED:
        return
    if name == "s":
        out.append(" " * _space_count(_attribute(node, "c")))
    elif name == "tab":
        out.append("\t")
    elif name == "line-break":
        out.append("\n")
    for child in node.childNodes:
        _walk(child, out)
    if name in PARAGRAPHS:
        out.append("\n")
    elif name == "table-cell":
        out.append("\t")


def _space_count(value: str | None) -> int:
    """text:s c="N" repeats a space; bounded so a hostile count cannot allocate gigabytes."""
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def _attribute(node, local: str) -> str | None:
    for (_, name), value in node.attributes.items():
        if name == local:
            return value
    return None


def _metadata(document) -> dict:
    found: dict[str, str] = {}
    if document.meta is None:
        return found
    for child in document.meta.childNodes:
        key = META_KEYS.get(getattr(child, "qname", ("", ""))[1])
        if key:
            value = _text(child).strip()
            if value:
                found[key] = value
    return found
