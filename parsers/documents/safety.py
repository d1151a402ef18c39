"""Checks made before anything is inflated or parsed: archive shape and XML entity declarations."""
from __future__ import annotations

import re
import zipfile
from io import BytesIO

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.limits import Limits

LOCAL_HEADER_SIZE = 30               # fixed part of a zip local file header
RATIO_FLOOR_BYTES = 1024 * 1024      # small members may compress well; only big ones are bombs
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")


def open_checked_zip(data: bytes, limits: Limits, kind: str) -> zipfile.ZipFile:
    """A ZipFile whose central directory passed every limit; raise ExtractionError otherwise."""
    if limits.depth > limits.max_depth:
        raise ExtractionError("too_large", reasons.TOO_DEEP)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
        raise ExtractionError("corrupt", reasons.corrupt(kind, "the archive structure is broken")) from err
    check_members(members, limits, kind)
    return archive


def check_members(members: list[zipfile.ZipInfo], limits: Limits, kind: str) -> None:
    """Entry count, declared total size, per-member ratio, overlaps and unsafe names."""
    if len(members) > limits.max_archive_entries:
        raise ExtractionError("too_large", reasons.too_large(
            f"The {kind} file holds {len(members)} entries (limit {limits.max_archive_entries})"))
    total = sum(member.file_size for member in members)
    if total > limits.max_archive_total_bytes:
        raise ExtractionError("too_large", reasons.too_large(
            f"The {kind} file would unpack to {total // (1024 * 1024)} MB "
            f"(limit {limits.max_archive_total_bytes // (1024 * 1024)} MB)"))
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and \
                member.file_size > limits.max_compression_ratio * max(member.compress_size, 1):
            raise ExtractionError("too_large", reasons.too_large(
                f"The {kind} file is a compression bomb (one entry expands "
                f"{member.file_size // max(member.compress_size, 1)} times)"))
        if unsafe_name(member.filename):
            raise ExtractionError("corrupt", reasons.corrupt(
                kind, "it contains entries with unsafe path names"))
    _check_overlaps(members, kind)


def unsafe_name(name: str) -> bool:
    """Absolute paths, drive letters, `..` segments, NUL: never legitimate inside a document."""
    if "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return any(segment == ".." for segment in re.split(r"[\\/]", name))


def _check_overlaps(members: list[zipfile.ZipInfo], kind: str) -> None:
    """Entries sharing or overlapping their bytes are how 'non-recursive' zip bombs amplify."""
    ordered = sorted(members, key=lambda member: member.header_offset)
    for current, following in zip(ordered, ordered[1:]):
        smallest_end = current.header_offset + LOCAL_HEADER_SIZE + current.compress_size
        if following.header_offset < smallest_end:
            raise ExtractionError("too_large", reasons.too_large(
                f"The {kind} file has overlapping entries (a zip-bomb pattern)"))


def check_xml(data: bytes) -> None:
    """Refuse XML that declares a DOCTYPE or entities (billion laughs, XXE) before any parser sees it."""
    if _DECLARATION.search(data):
        raise ExtractionError("corrupt", reasons.UNSAFE_XML)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4].count(b"\x00") >= 1:
        decoded = _decode_wide(data)
        if decoded is not None and re.search(r"<!\s*(DOCTYPE|ENTITY)", decoded, re.IGNORECASE):
            raise ExtractionError("corrupt", reasons.UNSAFE_XML)


_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_REFERENCE = re.compile(rb"&([A-Za-z_][\w.:-]*);")


def without_dtd(data: bytes) -> bytes | None:
    """The XML with its DOCTYPE (internal subset included) left out and references to the entities it
    declared dropped: what LibreOffice shows, with nothing expanded or fetched. None when the
    declaration cannot be cut out cleanly (the caller then refuses the file)."""
    start = _DOCTYPE.search(data)
    if start is None:
        return data
    end = _declaration_end(data, start.end())
    if end is None:
        return None
    subset, rest = data[start.start():end], data[:start.start()] + data[end:]
    if _DECLARATION.search(rest) or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None
    declared = set(re.findall(rb"<!\s*ENTITY\s+(?:%\s+)?([\w.:-]+)", subset))
    return _REFERENCE.sub(lambda ref: b"" if ref.group(1) in declared else ref.group(0), rest)


def _declaration_end(data: bytes, at: int) -> int | None:
    """Index just past the `>` closing a DOCTYPE, skipping quoted values and the [ ... ] subset."""
    quote, in_subset = None, False
    for index in range(at, min(len(data), at + 1_000_000)):
        char = data[index:index + 1]
        if quote is not None:
            quote = None if char == quote else quote
        elif char in (b'"', b"'"):
            quote = char
        elif char == b"[":
            in_subset = True
        elif char == b"]":
            in_subset = False
        elif char == b">" and not in_subset:
            return index + 1
    return None


def _decode_wide(data: bytes) -> str | None:
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def safe_xml_parser():
    """lxml parser that never resolves entities, loads DTDs or touches the network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse_xml(data: bytes):
    """Checked, then parsed with the safe parser; raise ExtractionError('corrupt') on bad XML."""
    from lxml import etree

    check_xml(data)
    try:
        return etree.fromstring(data, parser=safe_xml_parser())
    except (etree.XMLSyntaxError, ValueError) as err:
        raise ExtractionError("corrupt", reasons.corrupt("XML", "its markup is broken")) from err
