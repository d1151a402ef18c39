"""Stage `parse`: bytes to a frozen ParsedMessage."""
from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.message import parse_message

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def run(item, runtime: Runtime) -> None:
    item.parsed = parse_message(item.fetched.raw)
    for defect in item.parsed.defects:
        item.note("parse", "defect", defect)
