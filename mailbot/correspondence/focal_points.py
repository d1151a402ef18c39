"""Member States' focal points as correspondence sees them: every address of a state, and its language.

The file (data/focal_points.toml, `[[focal_point]]` entries) is owned and validated by the
attribution reference loader; this module only groups its entries by state.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from mailbot.consultation import LANGUAGES


@dataclass(frozen=True)
class FocalPoint:
    state: str  # ISO alpha-3
    addresses: tuple[str, ...]
    language: str  # usual correspondence language, one of the six


def load_focal_points(path: Path | str) -> dict[str, FocalPoint]:
    """Every state's focal points, keyed by alpha-3; an absent file means none (reminders go nowhere)."""
    source = Path(path)
    try:
        stat = source.stat()
    except FileNotFoundError:
        return {}
    # Parsed once per version of the file: every acknowledgement asks, and parsing the TOML
    # each time cost about a millisecond per acknowledgement.
    return dict(_load_version(str(source), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=4)
def _load_version(path: str, _mtime_ns: int, _size: int) -> dict[str, FocalPoint]:
    from mailbot.attribution.reference import load_focal_points as load_entries

    source = Path(path)
    grouped: dict[str, list] = {}
    for entry in load_entries(source):
        grouped.setdefault(entry.state, []).append(entry)
    return {state: _focal_point(state, entries) for state, entries in grouped.items()}


def _focal_point(state: str, entries: list) -> FocalPoint:
    addresses = tuple(dict.fromkeys(entry.address for entry in entries))
    languages = [entry.language for entry in entries if entry.language in LANGUAGES]
    return FocalPoint(state=state, addresses=addresses, language=languages[0] if languages else "en")


def usual_languages(focal_points: dict[str, FocalPoint]) -> dict[str, str]:
    return {state: point.language for state, point in focal_points.items()}
