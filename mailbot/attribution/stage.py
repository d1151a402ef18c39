"""The pipeline's `attribute` stage, for mailbot/pipeline/attribute.py to delegate to."""
from __future__ import annotations

from mailbot.attribution.context import AttributionContext, load_context
from mailbot.attribution.engine import attribute
from mailbot.attribution.register_history import RegisterHistory


def make_context(runtime) -> AttributionContext:
    """Reference data and rules, loaded once per run; duplicates are looked up in the register."""
    return load_context(runtime.settings, RegisterHistory(runtime.session_factory))


def run(item, runtime) -> None:
    attribute(item, runtime.attribution_context)
