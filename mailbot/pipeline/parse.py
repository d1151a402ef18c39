"""Stage `parse`: bytes to a frozen ParsedMessage."""
from __future__ import annotations

from parsers.message import parse_message


def run(item, runtime) -> None:
    item.parsed = parse_message(item.fetched.raw)
    for defect in item.parsed.defects:
        item.note("parse", "defect", defect)
