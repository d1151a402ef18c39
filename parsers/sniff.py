"""Type sniffing from the bytes themselves; a file's name or declared type is only a hint."""
from __future__ import annotations

import re
import zipfile
from io import BytesIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ENCRYPTED_OOXML = "application/x-ms-encrypted-ooxml"     # CFB wrapper with an EncryptedPackage stream
OLE_GENERIC = "application/x-ole-storage"
WORDML = "application/vnd.ms-wordml"                     # Word 2003 XML
MAX_MIMETYPE_BYTES = 200                                 # an ODF mimetype member is one short line

IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)
OLE_STREAMS = (                     # first match wins: stream name -> type
    ("EncryptedPackage", ENCRYPTED_OOXML),
    ("WordDocument", "application/msword"),
    ("__properties_version1.0", "application/vnd.ms-outlook"),
    ("Workbook", "application/vnd.ms-excel"),
    ("Book", "application/vnd.ms-excel"),
    ("PowerPoint Document", "application/vnd.ms-powerpoint"),
)
MAIL_HEADER = re.compile(rb"^(Received|Return-Path|From|MIME-Version|Message-ID|Delivered-To|Date|"
                         rb"Subject|To|X-[\w-]+):[ \t]", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def sniff_type(data: bytes, declared: str = "", filename: str | None = None) -> str:
    """Return a MIME type decided by magic bytes (falls back to the declared type for text)."""
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(data)
    if head.startswith(b"\x78\x9f\x3e"):          # TNEF signature 0x223E9F78 (last byte may be damaged)
        return "application/vnd.ms-tnef"
    if head.startswith(b"{\\rtf"):
        return "application/rtf"
    if head.startswith(b"\xffWPC"):
        return "application/vnd.wordperfect"
    for magic, mime in IMAGE_MAGIC:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return _sniff_text(head, declared.lower().split(";")[0].strip())


def _sniff_text(head: bytes, declared: str) -> str:
    """Markup, mail and plain text; binary that is none of these stays octet-stream."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return declared if declared.startswith("text/") else "text/plain"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "text/html"
    if lowered.startswith(b"<?xml"):
        if b"schemas.microsoft.com/office/word/2003/wordml" in lowered:
            return WORDML
        return "text/html" if b"<html" in lowered else "application/xml"
    if declared.startswith(("text/", "message/")):
        # Mail report parts (delivery-status, rfc822-headers) and forwarded messages are text too.
        return declared
    if MAIL_HEADER.match(head) and b"\n\n" in head.replace(b"\r", b""):
        return "message/rfc822"
    if head and not _CONTROL.search(head[:1024]):
        return "text/plain"
    return "application/octet-stream"


def _sniff_ole(data: bytes) -> str:
    """Word, Outlook, encrypted OOXML, Excel or PowerPoint, from the compound file's stream names."""
    try:
        import olefile

        with olefile.OleFileIO(data) as storage:
            names = {"/".join(entry) for entry in storage.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, TypeError):
        return OLE_GENERIC
    for stream, mime in OLE_STREAMS:
        if stream in names:
            return mime
    if any(name.startswith("__substg1.0_") for name in names):
        return "application/vnd.ms-outlook"
    return OLE_GENERIC


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= MAX_MIMETYPE_BYTES:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype:
                    return mimetype
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
                if any(name.startswith("ppt/") for name in names):
                    return PPTX
                return "application/vnd.openxmlformats-package"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError, EOFError):
        return "application/zip"
    return "application/zip"
