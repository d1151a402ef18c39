"""Render outbox_templates/<audience>/<event>.<lang>.{txt,html}.j2 with language-aware filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
import markupsafe
from babel import Locale
from babel.dates import format_date, format_datetime, get_date_format, get_datetime_format
from babel.numbers import format_decimal
from babel.units import format_unit

from mailbot.config import DEFAULT_TEMPLATES_DIR
from mailbot.consultation import LANGUAGES, as_aware_utc
from mailbot.errors import TemplateError

RTL_LANGUAGES = frozenset({"ar"})


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@lru_cache(maxsize=8)
def environment(templates_dir: Path = DEFAULT_TEMPLATES_DIR) -> jinja2.Environment:
    """HTML autoescaped, text not; a missing variable is an error, never an empty string."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        local_datetime=_local_datetime,
        long_date=_long_date,
        filesize=_filesize,
        number=_number,
        x=_escape_for_output,
        days=_days,
    )
    return env


@jinja2.pass_context
def _escape_for_output(context: Any, value: Any) -> str:
    """For macros in the shared (non-HTML) phrase files: their output is trusted as Markup when an
    HTML template calls them, so every value they interpolate must be escaped here, explicitly."""
    return str(markupsafe.escape(value)) if context.get("is_html") else str(value)


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    """Babel parses a locale given by name on every call; the filters pass it parsed, once per language."""
    return Locale.parse(lang)


@lru_cache(maxsize=None)
def _datetime_pattern(lang: str) -> str:
    """The language's long date with a 24-hour time, e.g. "d MMMM y 'à' HH:mm"."""
    locale = _locale(lang)
    return (
        str(get_datetime_format("long", locale=locale))
        .replace("{1}", get_date_format("long", locale=locale).pattern)
        .replace("{0}", "HH:mm")
    )


@jinja2.pass_context
def _local_datetime(context: Any, moment: datetime) -> str:
    """ "15 janvier 2020, 23:30" in the consultation's zone, in the language being rendered."""
    lang = context["lang"]
    return format_datetime(
        as_aware_utc(moment), _datetime_pattern(lang), tzinfo=ZoneInfo(context["zone"]), locale=_locale(lang)
    )


@jinja2.pass_context
def _long_date(context: Any, day: date) -> str:
    return format_date(day, "long", locale=_locale(context["lang"]))


@jinja2.pass_context
def _filesize(context: Any, size: int) -> str:
    locale = _locale(context["lang"])
    for unit, scale in (("digital-megabyte", 1_000_000), ("digital-kilobyte", 1_000)):
        if size >= scale:
            return format_unit(size / scale, unit, length="short", format="#,##0.#", locale=locale)
    # bytes in words ("893 bytes", "893 octets", "893 байта"): the short form reads "893 byte" in English
    return format_unit(size, "digital-byte", length="long", format="#,##0", locale=locale)


@jinja2.pass_context
def _days(context: Any, count: int) -> str:
    """ "3 days", "3 дня", "3 أيام": plural rules are the language's, from CLDR."""
    return format_unit(count, "duration-day", length="long", locale=_locale(context["lang"]))


@jinja2.pass_context
def _number(context: Any, value: int | float) -> str:
    return format_decimal(value, locale=_locale(context["lang"]))


def render(
    audience: str,
    event: str,
    lang: str,
    context: dict[str, Any],
    *,
    templates_dir: Path = DEFAULT_TEMPLATES_DIR,
) -> Rendered:
    """Subject (`{% set subject %}` in the text template), text and HTML of one message."""
    if lang not in LANGUAGES:
        raise TemplateError(f"no templates for language {lang!r}")
    env = environment(Path(templates_dir))
    values = {**context, "lang": lang, "dir": "rtl" if lang in RTL_LANGUAGES else "ltr"}
    name = f"{audience}/{event}.{lang}"
    try:
        text_module = env.get_template(f"{name}.txt.j2").make_module({**values, "is_html": False})
        html = env.get_template(f"{name}.html.j2").render({**values, "is_html": True})
    except jinja2.TemplateError as err:
        raise TemplateError(f"{name}: {err}") from err
    subject = str(getattr(text_module, "subject", "")).strip()
    if not subject:
        raise TemplateError(f"{name}.txt.j2 sets no subject")
    return Rendered(subject=subject, text=str(text_module).strip() + "\n", html=html)
