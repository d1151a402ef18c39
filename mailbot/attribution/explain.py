"""Human-readable evidence trails for `mailbot explain` and `mailbot reattribute`."""
from __future__ import annotations

from dataclasses import asdict

from mailbot.workitem import Attribution, Hit, WorkItem


def trail_to_json(trail: list[Hit]) -> list[dict]:
    """The trail as stored in Message.trail."""
    return [asdict(hit) for hit in trail]


def format_attribution(result: Attribution) -> str:
    lines = [f"states:      {', '.join(result.states) or '-'}",
             f"category:    {result.category or '-'}",
             f"confidence:  {result.confidence:.2f}",
             f"review:      {'yes: ' + '; '.join(result.review_reasons) if result.needs_review else 'no'}"]
    if result.suppress_ack:
        lines.append(f"no ack:      {result.suppress_reason}")
    for label, value in (("forwarded", result.forwarded), ("duplicate of", result.duplicate_of),
                         ("revision of", result.revision_of), ("route folder", result.route_folder),
                         ("forward to", ", ".join(result.forward_to))):
        if value:
            lines.append(f"{label + ':':<13}{value if value is not True else 'yes'}")
    lines.append(f"rules:       version {result.rules_version}")
    return "\n".join(lines)


def format_trail(trail: list[Hit], stage: str | None = "attribute") -> str:
    lines = []
    for hit in trail:
        if stage is not None and hit.stage != stage:
            continue
        weight = f"{hit.weight:.2f}" if hit.weight else "    "
        states = f" [{', '.join(hit.states)}]" if hit.states else ""
        lines.append(f"  {weight}  {hit.rule:<28} {hit.detail}{states}")
    return "\n".join(lines)


def explain_item(item: WorkItem) -> str:
    # A rule leaves a hit for its match and one for each thing it changed: named once, in order.
    matched = list(dict.fromkeys(hit.rule[5:] for hit in item.trail
                                 if hit.stage == "attribute" and hit.rule.startswith("rule:")))
    deciding = [hit.rule[5:] for hit in item.trail if hit.stage == "attribute" and hit.rule.startswith("rule:")
                and hit.states]
    header = (f"rules matched: {', '.join(matched) or 'none'}; states decided by "
              + (f"rule {deciding[0]}" if deciding and item.attribution.confidence == 1.0 else "the built-in evidence"))
    return "\n".join([format_attribution(item.attribution), header, "evidence trail:", format_trail(item.trail)])
