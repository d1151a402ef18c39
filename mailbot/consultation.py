"""One consultation's facts (data/consultations/*.toml): validated model, loader, deadline arithmetic."""

from __future__ import annotations


import re
import tomllib
import datetime as dt
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from mailbot.errors import ConfigError

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
_ADDRESS_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_address(value: str) -> str:
    if not _ADDRESS_RE.match(value):
        raise ValueError(f"not a plain e-mail address: {value!r}")
    return value


def _check_six_languages(value: dict[str, str]) -> dict[str, str]:
    missing = [lang for lang in LANGUAGES if not value.get(lang, "").strip()]
    extra = sorted(set(value) - set(LANGUAGES))
    if missing or extra:
        raise ValueError(
            f"needs a text in each of {', '.join(LANGUAGES)}"
            + (f"; missing {', '.join(missing)}" if missing else "")
            + (f"; unknown {', '.join(extra)}" if extra else "")
        )
    return value


def _check_link(value: str) -> str:
    if not re.match(r"^https?://[^\s<>\"]+$", value):
        raise ValueError("must be an http(s) address without spaces")
    return value


def _check_links(value: str | dict[str, str] | None) -> str | dict[str, str] | None:
    """One http(s) address, or one per UN language (English required, as the fallback)."""
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(LANGUAGES))
        if unknown or "en" not in value:
            raise ValueError(f"links by language need en and only {', '.join(LANGUAGES)}"
                             + (f"; unknown {', '.join(unknown)}" if unknown else ""))
        return {lang: _check_link(link) for lang, link in value.items()}
    return None if value is None else _check_link(value)


def _in_language(value: str | dict[str, str] | None, lang: str) -> str | None:
    if isinstance(value, dict):
        return value.get(lang) or value.get("en")
    return value


class Milestone(_Strict):
    name: str
    label: dict[str, str]
    date: dt.date | None = None  # None: not yet fixed, triggered by an admin
    end_date: dt.date | None = None
    link: str | dict[str, str] | None = None   # one address, or one per language (en is the fallback)
    notify: bool = True

    _label = field_validator("label")(_check_six_languages)

    def link_in(self, lang: str) -> str | None:
        """The address of what the milestone announces, in `lang` where the file gives one."""
        return _in_language(self.link, lang)

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _NAME_RE.match(value):
            raise ValueError("use lower-case letters, digits and _ (e.g. draft_posted)")
        return value

    _https = field_validator("link")(lambda value: _check_links(value))

    @model_validator(mode="after")
    def _ordered(self) -> "Milestone":
        if self.end_date and (self.date is None or self.end_date < self.date):
            raise ValueError("end_date needs a date on or before it")
        return self


class Reminders(_Strict):
    offsets_days: list[int] = Field(default_factory=lambda: [30, 14, 3])
    time: dt.time = dt.time(9, 0)

    @field_validator("offsets_days")
    @classmethod
    def _positive_unique(cls, value: list[int]) -> list[int]:
        if any(days <= 0 for days in value) or len(set(value)) != len(value):
            raise ValueError("offsets must be distinct positive numbers of days")
        return sorted(value, reverse=True)


class MilestoneNotices(_Strict):
    time: dt.time = dt.time(9, 30)
    window_days: int = Field(default=7, ge=0)


class LatePolicy(_Strict):
    policy: Literal["accept_and_flag", "accept"] = "accept_and_flag"

    @property
    def late_notice(self) -> bool:
        return self.policy == "accept_and_flag"


class DigestPolicy(_Strict):
    recipients: list[str]
    time: dt.time = dt.time(8, 0)
    language: Literal["en", "fr", "es", "ru", "ar", "zh"] = "en"

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("at least one recipient")
        return [_check_address(item) for item in value]


class Consultation(_Strict):
    id: str
    reference: str
    title: dict[str, str]
    time_label: dict[str, str]
    inbox: str
    page: str | dict[str, str] | None = None   # the consultation's web page, one or one per language
    receipt_prefix: str
    timezone: str
    deadline: datetime | date
    opens: date | None = None
    ends: date | None = None  # last day of the calendar jobs (digest, notices); None: no end
    focal_points: str | None = None   # no longer read: refused, naming attribution.focal_points
    next_milestone: str | None = None
    reminders: Reminders = Reminders()
    milestone_notices: MilestoneNotices = MilestoneNotices()
    late: LatePolicy = LatePolicy()
    digest: DigestPolicy
    milestones: list[Milestone] = Field(default_factory=list)
    source: Path | None = None  # the file it came from (set by the loader)

    _title = field_validator("title", "time_label")(_check_six_languages)
    _page = field_validator("page")(lambda value: _check_links(value))
    _inbox = field_validator("inbox")(_check_address)

    @field_validator("receipt_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if not re.match(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,30}$", value):
            raise ValueError("letters, digits and - _ . / only, at most 31 characters")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"unknown time zone {value!r} (use a name such as Europe/Zurich)") from err
        return value

    @field_validator("deadline")
    @classmethod
    def _local(cls, value: datetime | date) -> datetime | date:
        if isinstance(value, datetime) and value.tzinfo is not None:
            raise ValueError(
                "write the deadline as a local date or date-time, without offset; the zone is `timezone`"
            )
        return value

    # -- time arithmetic -------------------------------------------------------------------------
    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def deadline_date(self) -> date:
        return self.deadline.date() if isinstance(self.deadline, datetime) else self.deadline

    @property
    def deadline_at(self) -> datetime:
        """The last on-time instant's bound, aware: end of day (next midnight) or the exact time."""
        if isinstance(self.deadline, datetime):
            return self.deadline.replace(tzinfo=self.zone)
        return datetime.combine(self.deadline + timedelta(days=1), dt.time(0), tzinfo=self.zone)

    def local(self, moment: datetime) -> datetime:
        return as_aware_utc(moment).astimezone(self.zone)

    def today(self, now: datetime) -> date:
        return self.local(now).date()

    def active_on(self, day: date) -> bool:
        """Whether the calendar jobs run on this local day (between `opens` and `ends`, inclusive)."""
        return (self.opens is None or self.opens <= day) and (self.ends is None or day <= self.ends)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title["en"]

    def page_in(self, lang: str) -> str | None:
        return _in_language(self.page, lang)

    def milestone(self, name: str) -> Milestone:
        for milestone in self.milestones:
            if milestone.name == name:
                return milestone
        raise KeyError(name)

    def reminder_dates(self) -> dict[int, date]:
        return {days: self.deadline_date - timedelta(days=days) for days in self.reminders.offsets_days}



def as_aware_utc(moment: datetime) -> datetime:
    """The register stores naive UTC (older rows or callers may be naive): read naive values as UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def is_late(received_at: datetime, consultation: Consultation) -> bool:
    """Whether a message the server received at `received_at` missed the deadline.

    A date-only deadline is "end of day" local: on time until 24:00, late from midnight on.
    An exact local time is on time up to and including that instant.
    """
    received = as_aware_utc(received_at)
    if isinstance(consultation.deadline, datetime):
        return received > consultation.deadline_at
    return received >= consultation.deadline_at


def lateness(consultation: Consultation) -> Callable[[datetime], bool]:
    """is_late for many messages: the deadline is worked out once."""
    cutoff, inclusive = consultation.deadline_at, isinstance(consultation.deadline, datetime)

    def late(received_at: datetime) -> bool:
        received = as_aware_utc(received_at)
        return received > cutoff if inclusive else received >= cutoff

    return late


def load_consultation(path: Path | str) -> Consultation:
    """Read and validate one consultation file; raise ConfigError with file, line and key."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read consultation file: {err.strerror}", file=str(source)) from err
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"line (\d+)", str(err))
        raise ConfigError(
            f"not valid TOML: {err}", file=str(source), line=int(match.group(1)) if match else None
        ) from err
    try:
        consultation = Consultation.model_validate({**data, "source": None})
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(part for part in first["loc"] if not (isinstance(part, str) and "[" in part))
        message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ConfigError(
            message, file=str(source), line=find_line(text, loc), key=".".join(str(part) for part in loc)
        ) from err
    problem = _cross_check(consultation)
    if problem:
        key, message = problem
        raise ConfigError(message, file=str(source), line=find_line(text, (key,)), key=key)
    return consultation.model_copy(update={"source": source.resolve()})


def _cross_check(consultation: Consultation) -> tuple[str, str] | None:
    """Checks that span keys: (key, what is wrong) or None."""
    if consultation.focal_points is not None:   # one key names the file: the settings' (issue 16)
        return "focal_points", ("no longer read from the consultation file: name the focal points file as "
                                "`focal_points` under [attribution] in mailbot.toml")
    names = [milestone.name for milestone in consultation.milestones]
    if len(set(names)) != len(names):
        return "milestones", "milestone names must be unique"
    if consultation.opens and consultation.ends and consultation.ends < consultation.opens:
        return "ends", "must not be before opens"
    if consultation.next_milestone is not None and consultation.next_milestone not in names:
        return (
            "next_milestone",
            f"{consultation.next_milestone!r} is not one of the milestones ({', '.join(names)})",
        )
    return None


_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")


def find_line(text: str, loc: tuple) -> int | None:
    """Best-effort line of the key at `loc` (e.g. ("milestones", 1, "date")); tomllib keeps none."""
    names = [part for part in loc if isinstance(part, str)]
    wanted_index = next((part for part in loc if isinstance(part, int)), None)
    array_counts: dict[str, int] = {}
    table: list[str] = []
    index: int | None = None
    best: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER_RE.match(line)
        if header:
            table = header.group(2).split(".")
            if header.group(1) == "[[":
                array_counts[table[0]] = array_counts.get(table[0], -1) + 1
            index = array_counts.get(table[0])
            if names[: len(table)] == table and (wanted_index is None or index == wanted_index):
                best = best or number
                if len(names) == len(table):
                    return number
            continue
        key = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", line)
        if not key:
            continue
        path = table + [key.group(1)]
        index_ok = wanted_index is None or not table or index == wanted_index
        if index_ok and names[: len(path)] == path:
            return number
    return best
