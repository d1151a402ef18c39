"""Attribution: which ITU Member State(s) sent a message, with the evidence trail.

    ctx = load_context(settings, history)     # once per run
    attribute(item, ctx)                       # per message: fills item.attribution, item.trail
"""
from mailbot.attribution.context import AttributionContext, build_context, load_context
from mailbot.attribution.engine import attribute
from mailbot.attribution.history import History, InMemoryHistory, PriorContribution

__all__ = ["AttributionContext", "History", "InMemoryHistory", "PriorContribution", "attribute",
           "build_context", "load_context"]
