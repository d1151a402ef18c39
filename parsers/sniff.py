"""Type sniffing from the bytes themselves; a file's name or declared type is only a hint."""
from __future__ import annotations

import zipfile
from io import BytesIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_type(data: bytes, declared: str = "", filename: str | None = None) -> str:
    """Return a MIME type decided by magic bytes (falls back to the declared type for text)."""
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if head.startswith(OLE_MAGIC):
        return "application/x-ole-storage"
    if head.startswith(b"\x78\x9f\x3e\x22"):
        return "application/vnd.ms-tnef"
    if head.startswith(b"{\\rtf"):
        return "application/rtf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if declared.lower().startswith(("text/", "message/")):
        # Mail report parts (delivery-status, rfc822-headers) and forwarded messages are text too.
        return declared.lower().split(";")[0].strip()
    return "application/octet-stream"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype:
                    return mimetype
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                if any(name.startswith("xl/") for name in names):
                    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                if any(name.startswith("ppt/") for name in names):
                    return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                return "application/vnd.openxmlformats-package"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return "application/zip"
    return "application/zip"
