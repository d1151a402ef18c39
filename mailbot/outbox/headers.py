"""Header hygiene: nothing from an inbound message may add a header or a recipient."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


def clean_header_value(value: str, limit: int = 900) -> str:
    """Fold every CR, LF and control character to a space and cap the length."""
    # Text that looks like an RFC 2047 encoded word would be decoded by the reader's mail client (even
    # into CR/LF): break the opener so it reads back as the literal text it was.
    return _CONTROL.sub(" ", value or "").replace("=?", "= ?").strip()[:limit]
