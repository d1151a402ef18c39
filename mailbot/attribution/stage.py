"""The pipeline's `attribute` stage, for mailbot/pipeline/attribute.py to delegate to."""
from __future__ import annotations

from typing import TYPE_CHECKING

from mailbot.attribution.context import AttributionContext, load_context
from mailbot.attribution.engine import attribute
from mailbot.attribution.register_history import RegisterHistory

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def make_context(runtime: Runtime) -> AttributionContext:
    """Reference data and rules, loaded once per run; duplicates are looked up in the register."""
    return load_context(runtime.settings, RegisterHistory(runtime.session_factory))


def run(item, runtime: Runtime) -> None:
    attribute(item, runtime.attribution_context)
