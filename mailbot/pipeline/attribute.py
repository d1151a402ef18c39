"""Stage `attribute`: which Member State(s) sent it, with evidence (placeholder until attribution lands)."""
from __future__ import annotations


def run(item, runtime) -> None:
    if item.kind not in ("contribution", "reply"):
        item.attribution.needs_review = False
        return
    item.attribution.needs_review = True
    item.attribution.review_reasons.append("attribution is not automatic yet")
    item.note("attribute", "placeholder", "no attribution rules loaded")


def make_context(runtime):
    return None
