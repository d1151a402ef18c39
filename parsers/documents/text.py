"""Plain text and HTML (charset detected), MHT, and Word 2003 XML / other XML read safely."""
from __future__ import annotations

import email
import email.policy

from parsers.documents.limits import Limits
from parsers.documents.ooxml_text import element_text
from parsers.documents.result import text_result
from parsers.documents.safety import parse_xml
from parsers.errors import ExtractionError
from parsers.html_text import html_to_text
from parsers.types import ExtractResult

PGP_ARMOR = b"-----BEGIN PGP MESSAGE-----"


def decode(data: bytes) -> str:
    """Bytes to text: BOMs and UTF-8 first, then charset-normalizer's best guess, then Latin-1."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, "replace")
    return data.decode("latin-1")


def extract_plain(data: bytes, limits: Limits) -> ExtractResult:
    if data.lstrip().startswith(PGP_ARMOR):
        raise ExtractionError("encrypted", "The file is PGP-encrypted; ask the sender for an unencrypted copy.")
    return text_result(decode(data), limits)


def extract_html(data: bytes, limits: Limits) -> ExtractResult:
    return text_result(html_to_text(decode(data)), limits)


def extract_xml(data: bytes, limits: Limits) -> ExtractResult:
    """Word 2003 XML (WordprocessingML) and any other XML: the visible text, entities never expanded."""
    root = parse_xml(data)
    text = element_text(root)
    if not text.strip():
        text = "\n".join(piece.strip() for piece in root.itertext() if piece.strip())
    return text_result(text, limits)


def extract_mht(data: bytes, limits: Limits) -> ExtractResult:
    return text_result(mht_or_html_text(data), limits)


def mht_or_html_text(data: bytes) -> str:
    """An MHT (MIME web archive) or bare HTML chunk, as text."""
    head = data[:4096].lower()
    if b"mime-version" in head or (b"content-type" in head and b"<html" not in head[:200]):
        message = email.message_from_bytes(data, policy=email.policy.default)
        for part in message.walk():
            if part.get_content_type() in ("text/html", "text/plain"):
                payload = part.get_payload(decode=True) or b""
                charset = part.get_content_charset()
                body = payload.decode(charset, "replace") if charset and _known(charset) else decode(payload)
                return html_to_text(body) if part.get_content_type() == "text/html" else body
        return ""
    return html_to_text(decode(data))


def _known(charset: str) -> bool:
    import codecs

    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True
