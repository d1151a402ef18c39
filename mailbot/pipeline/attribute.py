"""Stage `attribute`: which Member State(s) sent it, with the evidence trail (mailbot/attribution)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from mailbot.attribution import attribute
from mailbot.attribution.stage import make_context as load

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def run(item, runtime: Runtime) -> None:
    attribute(item, runtime.attribution_context)


def make_context(runtime: Runtime):
    return load(runtime)
