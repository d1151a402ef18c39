"""Generated storage names for attachments, and clean display copies of the names senders gave."""
from __future__ import annotations

import re
import unicodedata

# Extension for a sniffed type; the sender's extension is used only when it is on this list too.
EXTENSION_BY_TYPE = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/rtf": "rtf",
    "application/vnd.ms-tnef": "dat",
    "application/zip": "zip",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "text/html": "html",
    "text/plain": "txt",
    "message/rfc822": "eml",
    "message/delivery-status": "txt",
    "message/disposition-notification": "txt",
    "message/rfc822-headers": "txt",
    "text/rfc822-headers": "txt",
}
ALLOWED_EXTENSIONS = frozenset(EXTENSION_BY_TYPE.values()) | {
    "doc", "xls", "ppt", "msg", "odt", "csv", "tif", "tiff", "bmp", "webp", "xml", "json",
    "p7s", "asc", "ics", "vcf", "md", "7z", "gz", "tar", "eml", "htm",
}
# Suffixes the sniffer recognises from magic bytes: a name claiming one of these is believed only by the bytes.
SNIFFABLE_BY_MAGIC = frozenset({"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "rtf", "dat", "png", "jpg",
                                "gif"})
CONTROL_OR_FORMAT = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
MAX_DISPLAY_CHARS = 1000


def clean_display_name(name: str | None) -> str | None:
    """The sender's filename for display: control, NUL and bidi-override characters removed; never a path."""
    if name is None:
        return None
    cleaned = CONTROL_OR_FORMAT.sub("", unicodedata.normalize("NFC", name)).strip()
    return cleaned[:MAX_DISPLAY_CHARS] or None


def is_hostile_name(name: str | None) -> bool:
    """True for names that would escape or confuse a folder: paths, NUL, control characters, huge lengths."""
    if not name:
        return False
    return bool(
        "/" in name or "\\" in name or ".." in name or name.startswith("~")
        or re.match(r"^[A-Za-z]:", name) or CONTROL_OR_FORMAT.search(name) or len(name) > 255
    )


def safe_name(index: int, sha256: str, filename: str | None, sniffed_type: str, declared_type: str) -> str:
    """`att-<index>-<sha8>.<ext>`: the extension comes from the bytes, else from a whitelisted name suffix."""
    return f"att-{index:02d}-{sha256[:8]}.{choose_extension(filename, sniffed_type, declared_type)}"


def choose_extension(filename: str | None, sniffed_type: str, declared_type: str) -> str:
    sniffed = EXTENSION_BY_TYPE.get(sniffed_type)
    if sniffed and sniffed not in ("txt", "zip", "html"):
        return sniffed
    claimed = _name_extension(filename)
    if claimed in ALLOWED_EXTENSIONS and claimed not in SNIFFABLE_BY_MAGIC:
        # A more precise suffix the bytes cannot prove (.csv for text, .doc for OLE) is kept.
        return claimed
    if sniffed:
        return sniffed
    if declared_type.startswith(("text/", "message/")):
        return EXTENSION_BY_TYPE.get(declared_type, "txt")
    return "bin"


def _name_extension(filename: str | None) -> str:
    if not filename:
        return ""
    tail = re.split(r"[/\\]", filename)[-1]
    suffix = tail.rpartition(".")[2].lower().strip() if "." in tail else ""
    return suffix if re.fullmatch(r"[a-z0-9]{1,5}", suffix) else ""
