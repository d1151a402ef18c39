"""Member States' focal points as correspondence sees them: every address of a state, and its language.

The file (data/focal_points.toml, `[[focal_point]]` entries) is owned and validated by the
attribution reference loader; this module only groups its entries by state.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from mailbot.consultation import LANGUAGES, Consultation
from mailbot.reference import load_focal_points as load_entries


@dataclass(frozen=True)
class FocalPoint:
    state: str  # ISO alpha-3
    addresses: tuple[str, ...]
    language: str  # usual correspondence language, one of the six


def load_focal_points(path: Path | str) -> dict[str, FocalPoint]:
    """Every state's focal points, keyed by alpha-3; an absent file means none (reminders go nowhere)."""
    version = _version_of(path)
    return dict(_load_version(*version)) if version else {}


def _version_of(path: Path | str) -> tuple[str, int, int] | None:
    """(path, mtime, size), the cache key of the file's current version; None when it is absent.
    Parsed once per version: every acknowledgement asks, and parsing the TOML each time cost about a
    millisecond; the stat each call still sees an edit made while the service runs."""
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        return None
    return str(path), stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=4)
def _load_version(path: str, _mtime_ns: int, _size: int) -> dict[str, FocalPoint]:
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


_NONE: Mapping[str, str] = MappingProxyType({})


def usual_languages_of(consultation: Consultation) -> Mapping[str, str]:
    """usual_languages(load_focal_points(consultation.focal_points_path())), read-only and computed once
    per version of the file, for the record stage, which asks for every acknowledgement."""
    version = _version_of(consultation.focal_points_path())
    return _usual_version(*version) if version else _NONE


@functools.lru_cache(maxsize=4)
def _usual_version(path: str, mtime_ns: int, size: int) -> Mapping[str, str]:
    return MappingProxyType(usual_languages(_load_version(path, mtime_ns, size)))
