"""Render a template once per language and shape, then fill each message's own words into it.

A backlog of a thousand acknowledgements differs only in the receipt number, the sender's name,
the subject, the arrival time and the attached files' names and sizes; running Jinja, gettext and
Babel for each cost ~2.5-5 ms a message.
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
from mailbot.correspondence.render import (Rendered, Slot, format_filesize, format_local_datetime, render,
                                          version)

_OPEN, _CLOSE = "\ue000", "\ue001"          # private-use characters: no filter or escape touches them
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\ue000-\ue001]")
_PROBES = (
    {"text": 'A-1 <b>&amp; "Jean-Pierre" O\'Brien</b> Ünïcødé', "moment": datetime(2020, 1, 15, 23, 59, 1,
                                                                                   tzinfo=timezone.utc),
     "size": 893},
    {"text": "x", "moment": datetime(2021, 7, 2, 4, 5, tzinfo=timezone(timedelta(hours=-5))), "size": 1},
    {"text": "Сергей Иванов-Петров 中国 عربي " + "w" * 120, "moment": datetime(2030, 12, 31, 12, 0,
                                                                            tzinfo=timezone.utc),
     "size": 2_500_000},
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
                  templates_dir: Path = DEFAULT_TEMPLATES_DIR,
                  item_slots: dict[str, tuple[str, ...]] | None = None) -> Rendered:
    """What `render` returns for `context`; the `slots` (str or datetime values), and the `item_slots`
    fields of each item of those lists (str, or int: a file size), are filled into a render cached
    for the rest of the context, when that is proven to give the same bytes."""
    zone = context.get("zone", "UTC")
    paths = _paths(context, slots, item_slots or {})
    values = [_get(context, path) for path in paths]
    if not all(_fillable(value) for value in values):
        return _fresh(audience, event, lang, context, templates_dir)
    key = _key(audience, event, lang, context, paths, values, templates_dir)
    if key not in _seen:          # a shape seen once is not worth the proof
        _remember(_seen, key, True)
        return _fresh(audience, event, lang, context, templates_dir)
    cached = _cache.get(key, _UNPROVEN)      # .get: another thread (the web desk) may evict meanwhile
    if cached is _UNPROVEN:
        cached = _proven(audience, event, lang, context, paths, values, templates_dir)
        _remember(_cache, key, cached)
    if cached is None:
        return _fresh(audience, event, lang, context, templates_dir)
    stats["filled"] += 1
    return _fill(cached, [_as_text(value, lang, zone) for value in values])


Path_ = tuple          # ("receipt",) or ("files", 0, "filename"): where a slot's value is in the context


def _paths(context: dict[str, Any], slots: tuple[str, ...], item_slots: dict[str, tuple[str, ...]]) -> list[Path_]:
    paths: list[Path_] = [(name,) for name in slots]
    for name, fields in item_slots.items():
        items = context.get(name) or ()
        paths += [(name, index, field) for index in range(len(items)) for field in fields]
    return paths


def _get(context: dict[str, Any], path: Path_) -> Any:
    value: Any = context
    for step in path:
        value = value[step]
    return value


def _with(context: dict[str, Any], paths: list[Path_], values: list[Any]) -> dict[str, Any]:
    """A copy of the context with these values at these paths (lists and items copied, not changed)."""
    copied = dict(context)
    for path, value in zip(paths, values):
        if len(path) == 1:
            copied[path[0]] = value
            continue
        name, index, field = path
        if copied[name] is context[name]:
            copied[name] = [dict(item) for item in context[name]]
        copied[name][index][field] = value
    return copied


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
    if isinstance(value, int) and not isinstance(value, bool):
        return value >= 0
    return isinstance(value, str) and value == value.strip() and not _UNSAFE.search(value)


def _key(audience, event, lang, context, paths, values, templates_dir) -> tuple:
    """Everything but the slots' values decides the shape; a slot's emptiness does too (`{% if %}`)."""
    kinds = [bool(value) if isinstance(value, str) else type(value).__name__ for value in values]
    rest = repr(sorted(_with(context, paths, kinds).items()))
    edited = version(lang, audience, templates_dir)
    return (str(templates_dir), edited, audience, event, lang, rest, tuple(paths))


def _token(index: int) -> str:
    return f"{_OPEN}{index}{_CLOSE}"


def _proven(audience, event, lang, context, paths, values, templates_dir) -> Rendered | None:
    """The render with slot tokens, or None when filling it would not give what `render` gives."""
    # An empty value stays empty (the key holds it): a token would pass the templates' `{% if name %}`.
    tokens = [Slot(_token(index)) if value != "" else "" for index, value in enumerate(values)]
    try:
        skeleton = render(audience, event, lang, _with(context, paths, tokens), templates_dir=templates_dir)
        for probe in _PROBES:
            probed = [_probe_value(value, probe) for value in values]
            fresh = render(audience, event, lang, _with(context, paths, probed), templates_dir=templates_dir)
            zone = context.get("zone", "UTC")
            if _fill(skeleton, [_as_text(value, lang, zone) for value in probed]) != fresh:
                return None
    except Exception:  # a template that cannot take a token where a value goes: render it fresh
        return None
    return skeleton


def _probe_value(original: Any, probe: dict) -> Any:
    if isinstance(original, datetime):
        return probe["moment"]
    if isinstance(original, int):
        return probe["size"]
    return probe["text"] if original else ""


def _as_text(value: Any, lang: str, zone: str) -> str:
    """A slot's text as the templates' filters show it (an int slot is a file size: `filesize`)."""
    if isinstance(value, datetime):
        return format_local_datetime(value, lang, zone)
    return format_filesize(value, lang) if isinstance(value, int) else value


def _fill(skeleton: Rendered, texts: list[str]) -> Rendered:
    def filled(template: str, escape: bool) -> str:
        for index, text in enumerate(texts):
            template = template.replace(_token(index), str(markupsafe.escape(text)) if escape else text)
        return template

    return replace(skeleton, subject=filled(skeleton.subject, False), text=filled(skeleton.text, False),
                   html=filled(skeleton.html, True))
