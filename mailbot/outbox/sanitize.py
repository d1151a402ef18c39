"""Make untrusted values safe to place in an outgoing header (CVE-2024-6923: no CR/LF ever gets through)."""

from __future__ import annotations

import re
import unicodedata

# Categories that must never reach a header: controls (CR, LF, NUL, NEL...), format characters
# (bidi overrides that disguise a name), line/paragraph separators, surrogates and unassigned code points.
_BANNED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")  # no-break spaces stay (French typography)
_ADDR_SPEC = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
)
_MSG_ID = re.compile(r"^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\[\]:-]+>$")


def header_text(value: object, limit: int = 200) -> str:
    """One line of printable text: every control/separator becomes a space, runs of space collapse."""
    text = "" if value is None else str(value)
    text = "".join(" " if unicodedata.category(char) in _BANNED_CATEGORIES else char for char in text)
    text = _SPACES.sub(" ", text).strip()
    # The email package decodes RFC 2047 encoded words in a str it is given ("=?utf-8?q?=0D=0A...?="),
    # which would turn them back into CR/LF: break the "=?" opener so nothing is ever decoded.
    text = text.replace("=?", "= ?")
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def filename_text(value: object, fallback: str = "attachment") -> str:
    """A file name for Content-Disposition: one line, no path, no quotes or separators."""
    text = header_text(value, limit=120)
    text = re.sub(r'[\\/"<>:|?*;]', "_", text).strip(" .")
    return text or fallback


def is_addr_spec(value: str) -> bool:
    """A plain ASCII address, nothing that could smuggle a second recipient or a header."""
    return len(value) <= 254 and bool(_ADDR_SPEC.match(value))


def message_id(value: str | None) -> str | None:
    """The Message-ID when it is well formed, else None (never echo a malformed one into a header)."""
    if value is None:
        return None
    value = value.strip()
    return value if len(value) <= 250 and _MSG_ID.match(value) else None
