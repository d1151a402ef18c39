"""One clock on every screen: human-facing times in the consultation's zone, labelled, to the minute.

Exports and JSON stay ISO 8601 UTC; this is only for what people read (list, review, show, status, digest)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import datetime, timezone, tzinfo

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def local_minute(moment: datetime | str | None, zone: tzinfo, empty: str = "-") -> str:
    """`2020-01-16 10:00 CET` (a naive value is UTC, as the register stores it)."""
    if moment is None or moment == "":
        return empty
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def display_zone(runtime: Runtime) -> tzinfo:
    """The consultation's zone; UTC when the consultation file cannot be read (that error shows elsewhere)."""
    try:
        return runtime.consultation.zone
    except Exception:  # noqa: BLE001 - a display choice must not hide the command's own output
        return timezone.utc
