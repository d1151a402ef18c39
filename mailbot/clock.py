"""The clock door: every piece of deadline logic asks one Clock for "now"."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Protocol

from mailbot.errors import BadInstant


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Real time, UTC."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FixedClock:
    """A clock stopped at one instant (`--now`), or moved by hand in tests."""

    def __init__(self, instant: datetime):
        self.instant = as_utc(instant)

    def now(self) -> datetime:
        return self.instant

    def advance_to(self, instant: datetime) -> None:
        self.instant = as_utc(instant)


def as_utc(instant: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already."""
    if instant.tzinfo is None:
        return instant.replace(tzinfo=timezone.utc)
    return instant.astimezone(timezone.utc)


NOW_EXAMPLE = "2020-01-16T10:00+01:00"


def parse_now(text: str) -> FixedClock:
    """Parse `--now` (ISO 8601; a date alone means midnight UTC); BadInstant names what is wrong."""
    try:
        return FixedClock(datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError as err:
        why = "" if str(err).startswith("Invalid isoformat") else f"{err}; "
        raise BadInstant(f"--now: not an ISO 8601 date-time: {text!r} ({why}for example {NOW_EXAMPLE})") from err
