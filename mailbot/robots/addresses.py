"""One clean recipient address out of what reports write: "rfc822; <A@B.example>" -> "a@b.example"."""
from __future__ import annotations

import re

from parsers.addresses import ADDR_SPEC

ADDRESS_TYPE = re.compile(r"^\s*(?:rfc822|x400|utf-8|unknown|x-[a-z0-9-]+)\s*;\s*", re.IGNORECASE)
ANGLE = re.compile(r"<([^<>]*)>")


def clean_address(text: str | bytes | None) -> str | None:
    """The address lower-cased, or None when it is not one (a pipe command, a path, a bare domain)."""
    if text is None:
        return None
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    value = ADDRESS_TYPE.sub("", text.strip())
    bracketed = ANGLE.search(value)
    if bracketed:
        value = bracketed.group(1)
    value = value.strip().strip("\"'").rstrip(".,;:").strip()
    if not value or value.startswith(("|", "/", "\\")) or "@" not in value:
        return None          # "|/usr/bin/procmail", "/var/spool/mail/x", "example.org"
    local, _, domain = value.rpartition("@")
    if not local or "." not in domain or len(local) > 64 or len(value) > 254:
        return None
    if not ADDR_SPEC.fullmatch(value):
        return None
    return f"{local.lower()}@{domain.lower()}"
