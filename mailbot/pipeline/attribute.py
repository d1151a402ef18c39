"""Stage `attribute`: which Member State(s) sent it, with the evidence trail (mailbot/attribution)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def run(item, runtime: Runtime) -> None:
    # Imported here: mailbot.attribution imports the pipeline's WorkItem (a cycle at module level).
    from mailbot.attribution import attribute

    attribute(item, runtime.attribution_context)


def make_context(runtime: Runtime):
    from mailbot.attribution.stage import make_context as load

    return load(runtime)
