"""Render a template once per language and shape, then fill each message's own words into it.

A backlog of a thousand acknowledgements differs only in the receipt number, the sender's name,
the subject and the arrival time; running Jinja, gettext and Babel for each cost ~2.5 ms a message.
The second render of a shape is made with slot tokens in place of those values and trusted only
after a check: filled with two sets of awkward probe values (markup, hyphens, quotes, other
scripts, lengths) it must equal a fresh render of the same values, byte for byte. A template that
transforms a slot value (wraps it, changes its case, splits it) fails that check and is rendered
fresh every time, as is any value the probes do not stand for (line breaks, edge spaces, controls).
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import markupsafe

from mailbot.config import DEFAULT_TEMPLATES_DIR
from mailbot.correspondence.render import Rendered, Slot, catalog_path, format_local_datetime, render

_OPEN, _CLOSE = "\ue000", "\ue001"          # private-use characters: no filter or escape touches them
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\ue000-\ue001]")
_PROBES = (
    {"text": 'A-1 <b>&amp; "Jean-Pierre" O\'Brien</b> Ünïcødé', "moment": datetime(2020, 1, 15, 23, 59, 1,
                                                                                   tzinfo=timezone.utc)},
    {"text": "x", "moment": datetime(2021, 7, 2, 4, 5, tzinfo=timezone(timedelta(hours=-5)))},
    {"text": "Сергей Иванов-Петров 中国 عربي " + "w" * 120, "moment": datetime(2030, 12, 31, 12, 0,
                                                                            tzinfo=timezone.utc)},
)
MAX_SHAPES = 256
_UNPROVEN = object()
_cache: OrderedDict[tuple, Rendered | None] = OrderedDict()   # None: this shape is always rendered fresh
_seen: OrderedDict[tuple, bool] = OrderedDict()                # shapes rendered once so far
stats = {"filled": 0, "fresh": 0}


def clear() -> None:
    _cache.clear()
    _seen.clear()


def render_filled(audience: str, event: str, lang: str, context: dict[str, Any], slots: tuple[str, ...], *,
                  templates_dir: Path = DEFAULT_TEMPLATES_DIR) -> Rendered:
    """What `render` returns for `context`; the `slots` (str or datetime values) are filled into a
    render cached for the rest of the context, when that is proven to give the same bytes."""
    zone = context.get("zone", "UTC")
    if not all(_fillable(context[name]) for name in slots):
        return _fresh(audience, event, lang, context, templates_dir)
    key = _key(audience, event, lang, context, slots, templates_dir)
    if key not in _seen:          # a shape seen once (a message's own files) is not worth the proof
        _remember(_seen, key, True)
        return _fresh(audience, event, lang, context, templates_dir)
    cached = _cache.get(key, _UNPROVEN)      # .get: another thread (the web desk) may evict meanwhile
    if cached is _UNPROVEN:
        cached = _proven(audience, event, lang, context, slots, templates_dir)
        _remember(_cache, key, cached)
    if cached is None:
        return _fresh(audience, event, lang, context, templates_dir)
    stats["filled"] += 1
    return _fill(cached, [_as_text(context[name], lang, zone) for name in slots])


def _remember(store: OrderedDict, key: tuple, value) -> None:
    store[key] = value
    while len(store) > MAX_SHAPES:
        try:
            store.popitem(last=False)
        except KeyError:          # emptied by another thread meanwhile
            break


def _fresh(audience, event, lang, context, templates_dir) -> Rendered:
    stats["fresh"] += 1
    return render(audience, event, lang, context, templates_dir=templates_dir)


def _fillable(value: Any) -> bool:
    if isinstance(value, datetime):
        return value.tzinfo is not None
    return isinstance(value, str) and value == value.strip() and not _UNSAFE.search(value)


def _key(audience, event, lang, context, slots, templates_dir) -> tuple:
    """Everything but the slots' values decides the shape; a slot's emptiness does too (`{% if %}`)."""
    try:
        mtime = catalog_path(lang, templates_dir).stat().st_mtime_ns
    except OSError:
        mtime = 0
    rest = repr(sorted((name, value) for name, value in context.items() if name not in slots))
    filled = tuple(bool(context[name]) if isinstance(context[name], str) else "moment" for name in slots)
    return (str(templates_dir), mtime, audience, event, lang, rest, slots, filled)


def _token(index: int) -> str:
    return f"{_OPEN}{index}{_CLOSE}"


def _proven(audience, event, lang, context, slots, templates_dir) -> Rendered | None:
    """The render with slot tokens, or None when filling it would not give what `render` gives."""
    # An empty value stays empty (the key holds it): a token would pass the templates' `{% if name %}`.
    tokens = {name: Slot(_token(index)) if context[name] != "" else "" for index, name in enumerate(slots)}
    try:
        skeleton = render(audience, event, lang, {**context, **tokens}, templates_dir=templates_dir)
        for probe in _PROBES:
            values = {name: _probe_value(context[name], probe) for name in slots}
            fresh = render(audience, event, lang, {**context, **values}, templates_dir=templates_dir)
            zone = context.get("zone", "UTC")
            if _fill(skeleton, [_as_text(values[name], lang, zone) for name in slots]) != fresh:
                return None
    except Exception:  # a template that cannot take a token where a value goes: render it fresh
        return None
    return skeleton


def _probe_value(original: Any, probe: dict) -> Any:
    if isinstance(original, datetime):
        return probe["moment"]
    return probe["text"] if original else ""


def _as_text(value: Any, lang: str, zone: str) -> str:
    return format_local_datetime(value, lang, zone) if isinstance(value, datetime) else value


def _fill(skeleton: Rendered, texts: list[str]) -> Rendered:
    def filled(template: str, escape: bool) -> str:
        for index, text in enumerate(texts):
            template = template.replace(_token(index), str(markupsafe.escape(text)) if escape else text)
        return template

    return replace(skeleton, subject=filled(skeleton.subject, False), text=filled(skeleton.text, False),
                   html=filled(skeleton.html, True))
