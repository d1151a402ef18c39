"""Member States' focal points (data/focal_points.toml): `[KEN] addresses = [...]`, `language = "en"`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mailbot.consultation import LANGUAGES, find_line
from mailbot.correspondence.sanitize import is_addr_spec
from mailbot.errors import ConfigError

_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_KEYS = {"addresses", "language", "name", "note"}


@dataclass(frozen=True)
class FocalPoint:
    state: str  # ISO alpha-3
    addresses: tuple[str, ...]
    language: str  # usual correspondence language, one of the six


def load_focal_points(path: Path | str) -> dict[str, FocalPoint]:
    """Every state's focal points, keyed by alpha-3; an absent file means none (reminders go nowhere)."""
    source = Path(path)
    if not source.exists():
        return {}
    text = source.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"not valid TOML: {err}", file=str(source)) from err
    return {state: _focal_point(state, table, source, text) for state, table in data.items()}


def _focal_point(state: str, table: object, source: Path, text: str) -> FocalPoint:
    def fail(message: str, key: str | None = None) -> ConfigError:
        loc = (state, key) if key else (state,)
        return ConfigError(message, file=str(source), line=find_line(text, loc), key=".".join(loc))

    if not _ALPHA3.match(state):
        raise fail("tables are ISO 3166 alpha-3 codes in capitals, e.g. [KEN]")
    if not isinstance(table, dict):
        raise fail("must be a table with addresses and language")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise fail("unknown key", unknown[0])
    addresses = table.get("addresses", [])
    if not isinstance(addresses, list) or not all(isinstance(a, str) and is_addr_spec(a) for a in addresses):
        raise fail("must be a list of plain e-mail addresses", "addresses")
    language = table.get("language", "en")
    if language not in LANGUAGES:
        raise fail(f"must be one of {', '.join(LANGUAGES)}", "language")
    return FocalPoint(state=state, addresses=tuple(a.lower() for a in addresses), language=language)


def usual_languages(focal_points: dict[str, FocalPoint]) -> dict[str, str]:
    return {state: point.language for state, point in focal_points.items()}
