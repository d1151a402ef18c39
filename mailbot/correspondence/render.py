"""Render outbox_templates/<audience>/<event>.{txt,html}.j2 in a language: the words come from the
gettext catalogs in outbox_templates/locale (jinja2.ext.i18n), dates, numbers and sizes from Babel/CLDR."""

from __future__ import annotations

import io
import os
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
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from babel.units import format_unit

from mailbot.config import DEFAULT_TEMPLATES_DIR
from mailbot.consultation import LANGUAGES, as_aware_utc
from mailbot.errors import TemplateError
from mailbot.reference import file_stamp

RTL_LANGUAGES = frozenset({"ar"})
RLM = "\u200f"            # RIGHT-TO-LEFT MARK: starts each Arabic text/plain line right to left
NB_HYPHEN = "\u2011"      # NON-BREAKING HYPHEN: "CL‑19/47" never breaks at its hyphen
# One template for both kinds of acknowledgement: `late` in its values adds the late notice.
TEMPLATE_OF = {"late_ack": "ack"}


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def catalog_path(lang: str, templates_dir: Path = DEFAULT_TEMPLATES_DIR) -> Path:
    return Path(templates_dir) / "locale" / lang / "LC_MESSAGES" / "messages.po"


def version(lang: str, audience: str, templates_dir: Path = DEFAULT_TEMPLATES_DIR) -> tuple[int, ...]:
    """The stamps (time, size) of the language's catalog, of the templates' folders and of the
    templates an audience's mail is built from: a render cached under them is not reused after an
    admin edits one (Jinja reloads a changed template on its own; a cache of its output must notice)."""
    root = Path(templates_dir)
    folders = (root, root / audience)
    stamps = [*file_stamp(catalog_path(lang, templates_dir))]
    for folder in folders:
        stamps.extend(file_stamp(folder))
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".j2"):
                stamps.extend(file_stamp(entry))
    return tuple(stamps)


@lru_cache(maxsize=16)
def _translations(po_path: Path, _mtime_ns: int) -> Translations:
    """The catalog, compiled in memory from its .po: a fresh clone needs no build step, and a
    compiled file can never be older than its source."""
    try:
        with open(po_path, "rb") as handle:
            catalog = read_po(handle)
    except OSError as err:
        raise TemplateError(f"no message catalog {po_path}: {err.strerror}") from err
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def translations(lang: str, templates_dir: Path = DEFAULT_TEMPLATES_DIR) -> Translations:
    path = catalog_path(lang, templates_dir)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as err:
        raise TemplateError(f"no message catalog for {lang!r}: {path}") from err
    return _translations(path, mtime)


def environment(templates_dir: Path = DEFAULT_TEMPLATES_DIR, lang: str = "en") -> jinja2.Environment:
    """The language's environment (its catalog installed); rebuilt when the catalog changes."""
    path = catalog_path(lang, templates_dir)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as err:
        raise TemplateError(f"no message catalog for {lang!r}: {path}") from err
    return _environment(Path(templates_dir), lang, mtime)


class _SharedCode(jinja2.BytecodeCache):
    """Compiled templates kept in memory and shared by every language's environment: they differ
    only in the catalog installed, which the compiled code looks up when it runs, so a template is
    compiled once, not once per language (about 25 ms each). Jinja checks each entry against the
    template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.loads = 0

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
            self.loads += bucket.code is not None

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


SHARED_CODE = _SharedCode()


@lru_cache(maxsize=16)
def _environment(templates_dir: Path, lang: str, _mtime_ns: int) -> jinja2.Environment:
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
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=SHARED_CODE,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(lang, templates_dir), newstyle=True)
    env.filters.update(
        local_datetime=_local_datetime,
        long_date=_long_date,
        filesize=_filesize,
        number=_number,
        x=_escape_for_output,
        days=_days,
        nobreak=_nobreak,
        mail_link=_mail_link,
        url_link=_url_link,
        strong=_strong,
        auto_dir=_auto_dir,
    )
    return env


def _nobreak(value: Any) -> str:
    """A reference such as "CL-19/47" kept on one line (U+2011 looks like a hyphen and never breaks)."""
    return str(value).replace("-", NB_HYPHEN)


@jinja2.pass_context
def _mail_link(context: Any, address: str) -> Any:
    """A mailto: link in HTML, the address itself in text."""
    if not context.get("is_html"):
        return str(address)
    safe = markupsafe.escape(address)
    return markupsafe.Markup(f'<a href="mailto:{safe}" dir="ltr">{safe}</a>')


@jinja2.pass_context
def _url_link(context: Any, url: str) -> Any:
    if not context.get("is_html"):
        return str(url)
    safe = markupsafe.escape(url)
    return markupsafe.Markup(f'<a href="{safe}" dir="ltr">{safe}</a>')


def _strong(value: Any) -> markupsafe.Markup:
    return markupsafe.Markup("<strong>%s</strong>") % value


def _auto_dir(value: Any) -> markupsafe.Markup:
    """Text a sender wrote, in whatever script: isolated in its own direction inside the message's, so
    a Latin file name does not reorder the Arabic punctuation around it."""
    return markupsafe.Markup('<bdi dir="auto">%s</bdi>') % value


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


class Slot(str):
    """A placeholder standing for a value while a template is rendered once for many messages
    (render_cache): date and file size filters pass it through, to be filled in afterwards."""


def format_local_datetime(moment: datetime, lang: str, zone: str) -> str:
    """ "15 janvier 2020, 23:30" in `zone`, in `lang`."""
    return format_datetime(as_aware_utc(moment), _datetime_pattern(lang), tzinfo=ZoneInfo(zone),
                           locale=_locale(lang))


@jinja2.pass_context
def _local_datetime(context: Any, moment: datetime) -> str:
    """ "15 janvier 2020, 23:30" in the consultation's zone, in the language being rendered."""
    if isinstance(moment, Slot):
        return moment
    return format_local_datetime(moment, context["lang"], context["zone"])


@jinja2.pass_context
def _long_date(context: Any, day: date) -> str:
    return format_date(day, "long", locale=_locale(context["lang"]))


@jinja2.pass_context
def _filesize(context: Any, size: int) -> str:
    if isinstance(size, Slot):
        return size
    return format_filesize(size, context["lang"])


def format_filesize(size: int, lang: str) -> str:
    """ "12.3 kB", "893 bytes", in `lang`."""
    locale = _locale(lang)
    for unit, scale in (("digital-megabyte", 1_000_000), ("digital-kilobyte", 1_000)):
        if size >= scale:
            return format_unit(size / scale, unit, length="short", format="#,##0.#", locale=locale)
    # Bytes in words ("893 bytes", "893 octets", "893 байта"): the short form is "893 byte" in English.
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
    env = environment(Path(templates_dir), lang)
    values = {**context, "lang": lang, "dir": "rtl" if lang in RTL_LANGUAGES else "ltr"}
    values.setdefault("page", None)
    name = f"{audience}/{TEMPLATE_OF.get(event, event)}"
    try:
        text_module = env.get_template(f"{name}.txt.j2").make_module({**values, "is_html": False})
        html = env.get_template(f"{name}.html.j2").render({**values, "is_html": True})
    except jinja2.TemplateError as err:
        raise TemplateError(f"{name}: {err}") from err
    subject = str(getattr(text_module, "subject", "")).strip()
    if not subject:
        raise TemplateError(f"{name}.txt.j2 sets no subject")
    text = str(text_module).strip() + "\n"
    if lang in RTL_LANGUAGES:
        text = _right_to_left_lines(text)
    return Rendered(subject=subject, text=text, html=html)


def _right_to_left_lines(text: str) -> str:
    """Each line starts with an RLM, so a line that begins with a Latin word (a receipt number, a file
    name) is still laid out right to left by plain-text readers that apply the Unicode bidi rules."""
    # The "-- " signature separator must stay exactly that, or mail readers miss the signature.
    return "\n".join(RLM + line if line.strip() and line != "-- " else line for line in text.split("\n"))
