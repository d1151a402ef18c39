"""Reference data: Member States, non-member organisations, mail providers and focal points."""
from __future__ import annotations

import functools
import os
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from mailbot.config import DEFAULT_FOCAL_POINTS, PROJECT_ROOT
from mailbot.consultation import LANGUAGES
from mailbot.errors import RuleError

DATA_DIR = PROJECT_ROOT / "data"
MEMBER_STATES_FILE = DATA_DIR / "member_states.json"
NON_MEMBERS_FILE = DATA_DIR / "non_members.toml"
FOCAL_POINTS_FILE = DEFAULT_FOCAL_POINTS   # attribution.focal_points when unset


@dataclass(frozen=True)
class MemberState:
    alpha3: str
    alpha2: str
    cctld: str
    weak_cctld: bool
    names: dict            # language -> {"cldr", "un", "formal"}
    aliases: dict          # language -> [name, ...]
    adjectives: dict       # language -> [adjective, ...]
    acronyms: tuple[str, ...]
    gov_domains: tuple[str, ...]
    match_keys: tuple[tuple[str, str], ...] = ()   # (kind, folded name) precomputed by the build script
    local_names: dict | None = None   # locale -> CLDR name, in the other official languages of Member States

    @property
    def name(self) -> str:
        """The UN English short name, for messages to humans."""
        return self.names["en"]["un"]


@dataclass(frozen=True)
class Organisation:
    id: str
    category: str
    names: tuple[str, ...]
    acronyms: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True)
class FocalPoint:
    """One address of a Member State's focal point, as the focal points file lists it."""
    state: str
    address: str
    name: str = ""
    role: str = ""
    language: str = ""


@dataclass(frozen=True)
class ReferenceData:
    states: dict[str, MemberState]           # by alpha-3
    organisations: tuple[Organisation, ...]
    academia_globs: tuple[str, ...]
    providers: frozenset[str]
    focal_points: tuple[FocalPoint, ...]

    def focal_point(self, address: str) -> FocalPoint | None:
        wanted = address.lower()
        return next((point for point in self.focal_points if point.address == wanted), None)

    def focal_points_of(self, state: str) -> list[FocalPoint]:
        return [point for point in self.focal_points if point.state == state]

    @cached_property
    def focal_addresses(self) -> Mapping[str, tuple[str, ...]]:
        """Every state with focal points -> its addresses, in file order, each once."""
        grouped: dict[str, dict[str, None]] = {}
        for point in self.focal_points:
            grouped.setdefault(point.state, {})[point.address] = None
        return MappingProxyType({state: tuple(addresses) for state, addresses in grouped.items()})

    @cached_property
    def usual_languages(self) -> Mapping[str, str]:
        """Every state with focal points -> its usual correspondence language (the first of the six
        its entries give; English where none does). Computed once: every acknowledgement asks."""
        usual: dict[str, str] = {}
        for point in self.focal_points:
            usual.setdefault(point.state, "")
            if not usual[point.state] and point.language in LANGUAGES:
                usual[point.state] = point.language
        return MappingProxyType({state: language or "en" for state, language in usual.items()})

    def states_of_address(self, address: str) -> list[str]:
        """The states a focal point address serves (none for an address that is not one)."""
        wanted = address.lower()
        return [point.state for point in self.focal_points if point.address == wanted]


@functools.lru_cache(maxsize=1)
def member_states() -> Mapping[str, MemberState]:
    """The Member States of data/member_states.json, read once per process (read-only)."""
    return MappingProxyType(load_member_states())


def load_member_states(path: Path = MEMBER_STATES_FILE) -> dict[str, MemberState]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    states = {}
    for entry in data["states"]:
        states[entry["alpha3"]] = MemberState(
            alpha3=entry["alpha3"], alpha2=entry["alpha2"], cctld=entry["cctld"],
            weak_cctld=entry["weak_cctld"], names=entry["names"], aliases=entry["aliases"],
            adjectives=entry["adjectives"], acronyms=tuple(entry["acronyms"]),
            gov_domains=tuple(entry["gov_domains"]),
            match_keys=tuple((kind, key) for kind, key in entry.get("match_keys", ())),
            local_names=entry.get("local_names", {}))
    return states


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise RuleError("file not found", file=str(path)) from err
    except tomllib.TOMLDecodeError as err:
        raise RuleError(f"not valid TOML: {err}", file=str(path), line=getattr(err, "lineno", None)) from err


def load_non_members(path: Path = NON_MEMBERS_FILE):
    data = _read_toml(path)
    organisations = tuple(
        Organisation(id=org["id"], category=org["category"], names=tuple(org.get("names", ())),
                     acronyms=tuple(org.get("acronyms", ())),
                     domains=tuple(domain.lower() for domain in org.get("domains", ())))
        for org in data.get("org", ()))
    academia = tuple(data.get("academia", {}).get("domain_globs", ()))
    providers = frozenset(domain.lower() for domain in data.get("providers", {}).get("domains", ()))
    return organisations, academia, providers


def load_focal_points(path: Path = FOCAL_POINTS_FILE, known_states: dict | None = None) -> tuple[FocalPoint, ...]:
    """The focal points file; an entry with an unknown state or no address is a RuleError."""
    data = _read_toml(path)
    points = []
    for index, entry in enumerate(data.get("focal_point", ())):
        state, address = entry.get("state", ""), entry.get("address", "")
        if known_states is not None and state not in known_states:
            raise RuleError(f"focal point #{index + 1}: unknown country code {state!r}", file=str(path))
        if "@" not in address:
            raise RuleError(f"focal point #{index + 1}: not an address: {address!r}", file=str(path))
        points.append(FocalPoint(state=state, address=address.lower(), name=entry.get("name", ""),
                                 role=entry.get("role", ""), language=entry.get("language", "")))
    return tuple(points)


def reference_data(focal_points_file: Path | str) -> ReferenceData:
    """The one ReferenceData of a run, from the file `attribution.focal_points` names: Member States
    read once per process, the rest once per version of its files (a focal point `review set
    --learn-sender` adds while the web desk or the service runs is seen at the next call)."""
    path = Path(focal_points_file)
    return _reference_version(str(path), *file_stamp(path), *file_stamp(NON_MEMBERS_FILE))


def file_stamp(path: Path | os.DirEntry) -> tuple[int, int]:
    """(mtime, size) of a file, the cache key of its version; (0, -1) when it is absent (the loader
    then refuses it, file named)."""
    try:
        stat = path.stat()
    except OSError:
        return 0, -1
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=4)
def _reference_version(path: str, *_versions: int) -> ReferenceData:
    return load_reference(Path(path))


def load_reference(focal_points_file: Path = FOCAL_POINTS_FILE,
                   non_members_file: Path = NON_MEMBERS_FILE,
                   member_states_file: Path = MEMBER_STATES_FILE) -> ReferenceData:
    """Read the reference files now (reference_data() is the cached way a run asks for them)."""
    states = dict(member_states()) if member_states_file == MEMBER_STATES_FILE \
        else load_member_states(member_states_file)
    organisations, academia, providers = load_non_members(non_members_file)
    return ReferenceData(states=states, organisations=organisations, academia_globs=academia,
                         providers=providers,
                         focal_points=load_focal_points(focal_points_file, states))
