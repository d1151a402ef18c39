"""Header hygiene: nothing from an inbound message may add a header or a recipient."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


def clean_header_value(value: str, limit: int = 900) -> str:
    """Fold every CR, LF and control character to a space and cap the length."""
    return _CONTROL.sub(" ", value or "").strip()[:limit]
