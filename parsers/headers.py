"""Decode header values and body bytes to text without ever raising on bad charsets."""
from __future__ import annotations

import binascii
import codecs
import itertools
import re

from charset_normalizer import from_bytes

# RFC 2047 encoded word; the charset may carry an RFC 2231 language suffix (utf-8*en).
ENCODED_WORD = re.compile(rb"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([QqBb])\?([^?\s]*)\?=")
WHITESPACE_BETWEEN_WORDS = re.compile(rb"(\?=)[ \t\r\n]+(?==\?)")
FOLDING = re.compile(r"\r?\n(?=[ \t])|\r(?=[ \t])")
LINE_BREAK = re.compile(r"[\r\n]+")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SURROGATE = re.compile("[\udc80-\udcff]")      # 8-bit bytes carried in a compat32 str
# Charsets senders declare that Python knows under another name, or that need a superset.
CHARSET_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949", "iso-8859-8-i": "iso-8859-8", "windows-874": "cp874",
    "x-mac-cyrillic": "mac_cyrillic", "unicode-1-1-utf-7": "utf-7", "utf8": "utf-8",
    "us-ascii": "utf-8", "ascii": "utf-8", "ansi_x3.4-1968": "utf-8",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
}
WESTERN = ("cp1252", "latin_1", "iso8859_15")
UNKNOWN_8BIT = {"unknown-8bit", "x-unknown", "unknown", "x-user-defined", "default", "charset"}


def known_codec(charset: str | None) -> str | None:
    """Python's codec name for a declared charset, or None when unknown (or not text)."""
    if not charset:
        return None
    name = charset.strip().strip('"\'').lower()
    token = re.match(r"[a-z0-9_.:+-]+", name)     # 'UTF-8"Content-Transfer-...' (a missing line break)
    name = token.group(0) if token else name
    name = CHARSET_SUPERSETS.get(name, name)
    if name in UNKNOWN_8BIT:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    # Refuse codecs that are not text encodings (base64_codec, rot13, zlib...).
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def guess_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown charset: UTF-8, then charset detection, then cp1252; returns (text, codec)."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", "replace")
    broken = lenient.count("\ufffd")
    if broken * 20 <= sum(1 for char in lenient if "\x80" <= char != "\ufffd"):
        return lenient, "utf-8"     # UTF-8 with a cut character (a truncated name): still UTF-8
    if len(data) >= 64:
        best = _detect(data[:65536])
        if best:
            codec = known_codec(best)
            if codec:
                return data.decode(codec, "replace"), codec
    return data.decode("cp1252", "replace").replace("\ufffd", "?"), "cp1252"


def _detect(data: bytes) -> str | None:
    """charset-normalizer's choice, preferring Western European when it is as plausible (short French/Spanish)."""
    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    for match in results:
        if (match.encoding in WESTERN and match.chaos <= best.chaos
                and match.coherence >= best.coherence - 0.01):
            return match.encoding
    return best.encoding


def decode_bytes(data: bytes, charset: str | None, where: str) -> tuple[str, list[str]]:
    """Text of a body part in its declared charset, with a defect when the charset is unknown or wrong."""
    defects: list[str] = []
    codec = known_codec(charset)
    if charset and codec is None and charset.strip().lower() not in UNKNOWN_8BIT:
        defects.append(f"unknown charset {charset!r} in {where}: the text was decoded by guessing")
    if codec and codec != "utf-8" and _is_multibyte_utf8(data):
        # Legacy labels on UTF-8 bytes are common (GB2312 on UTF-8); valid multibyte UTF-8 is rarely chance.
        defects.append(f"{where} says charset {charset!r} but its bytes are not; decoded as utf-8")
        return data.decode("utf-8"), defects
    if codec:
        try:
            return _decode_exact(data, codec), defects
        except (UnicodeDecodeError, UnicodeError, LookupError):
            text, guessed = guess_text(data)
            defects.append(f"{where} says charset {charset!r} but its bytes are not; decoded as {guessed}")
            return text, defects
    return guess_text(data)[0], defects


def _is_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_exact(data: bytes, codec: str) -> str:
    text = data.decode(codec)
    text.encode("utf-8")   # some codecs yield lone surrogates; treat that as a wrong charset
    return text


def raw_values(message, name: str) -> list[str]:
    """Every raw value of a header (compat32 would turn 8-bit ones into replacement characters)."""
    wanted = name.lower()
    return [str(value) for key, value in message.raw_items() if key.lower() == wanted]


def latin1_view(value: str) -> str:
    """A raw value with its 8-bit bytes as latin-1 characters, so the email package can read parameters."""
    return header_bytes(value).decode("latin-1")


def header_bytes(value: str) -> bytes:
    """The bytes behind a compat32 header value (8-bit bytes arrive as surrogate escapes)."""
    return value.encode("utf-8", "surrogateescape") if _has_surrogates(value) else value.encode("utf-8")


def _has_surrogates(value: str) -> bool:
    # A regex, not a Python loop: this runs on whole attachment payloads (tens of MB).
    return not value.isascii() and SURROGATE.search(value) is not None


def decode_header_value(value: str, name: str) -> tuple[str, list[str]]:
    """Unfold, decode RFC 2047 words and raw 8-bit bytes; line breaks left after that are neutralised."""
    defects: list[str] = []
    raw = header_bytes(FOLDING.sub("", value))
    if not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            defects.append(f"the {name} header has raw 8-bit bytes that are not UTF-8; the charset was guessed")
    text = _decode_words(raw, name, defects)
    if LINE_BREAK.search(text):
        defects.append(f"header injection attempt: the {name} header contains a line break once decoded")
        text = LINE_BREAK.sub(" ", text)
    if CONTROL_CHARS.search(text):
        defects.append(f"the {name} header contains control characters; they were removed")
        text = CONTROL_CHARS.sub("", text)
    return text.strip(), defects


def _decode_words(raw: bytes, name: str, defects: list[str]) -> str:
    """Decode RFC 2047 encoded words; plain runs use one codec chosen for the whole header."""
    raw = WHITESPACE_BETWEEN_WORDS.sub(rb"\1", raw)
    if raw.isascii() and b"=?" not in raw:
        return raw.decode("ascii")      # most headers: no encoded word, no 8-bit byte, nothing to decode
    plain_codec = guess_text(raw)[1] if not raw.isascii() else "ascii"
    words: list[tuple[str, bytes]] = []      # adjacent words of one charset are decoded together
    pieces: list[str] = []
    position = 0
    for match in ENCODED_WORD.finditer(raw):
        if match.start() > position:
            pieces.append(_decode_run(words, name, defects))
            pieces.append(raw[position:match.start()].decode(plain_codec, "replace"))
        charset = match.group(1).decode("ascii", "replace").lower()
        words.append((charset, _decode_word_payload(match.group(2), match.group(3), name, defects)))
        position = match.end()
    pieces.append(_decode_run(words, name, defects))
    pieces.append(raw[position:].decode(plain_codec, "replace"))
    return "".join(pieces)


def _decode_word_payload(encoding: bytes, payload: bytes, name: str, defects: list[str]) -> bytes:
    if encoding in (b"Q", b"q"):
        return binascii.a2b_qp(payload.replace(b"_", b" "))
    cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", payload)
    if len(cleaned) % 4 == 1:
        cleaned = cleaned[:-1]
        defects.append(f"bad base64 in an encoded word of the {name} header")
    try:
        return binascii.a2b_base64(cleaned + b"=" * (-len(cleaned) % 4))
    except binascii.Error:
        defects.append(f"bad base64 in an encoded word of the {name} header")
        return b""


def _decode_run(words: list[tuple[str, bytes]], name: str, defects: list[str]) -> str:
    """Decode and empty the pending run of encoded words (a multibyte character may span two words)."""
    text = []
    for charset, group in itertools.groupby(words, key=lambda word: word[0]):
        decoded, problems = decode_bytes(b"".join(data for _, data in group), charset, f"the {name} header")
        for problem in problems:
            if problem not in defects:
                defects.append(problem)
        text.append(decoded)
    words.clear()
    return "".join(text)
