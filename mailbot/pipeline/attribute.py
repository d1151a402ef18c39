"""Stage `attribute`: which Member State(s) sent it, with the evidence trail (mailbot/attribution)."""
from __future__ import annotations


def run(item, runtime) -> None:
    # Imported here: mailbot.attribution imports the pipeline's WorkItem (a cycle at module level).
    from mailbot.attribution import attribute

    attribute(item, runtime.attribution_context)


def make_context(runtime):
    from mailbot.attribution.stage import make_context as load

    return load(runtime)
