"""From evidence to a decision: noisy-OR per state, joint authors, conflicts, confidence."""
from __future__ import annotations

from dataclasses import dataclass, field

from mailbot.attribution.evidence import CONFLICT_WEIGHT, Evidence

JOINT_MIN_WEIGHT = 0.5


@dataclass
class Decision:
    states: tuple[str, ...] = ()
    confidence: float = 0.0
    category: str | None = None
    organisation: str | None = None
    reasons: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


def scores_of(evidence: list[Evidence]) -> dict[str, float]:
    """Per state: 1 - prod(1 - w) over the strongest item of each evidence kind."""
    strongest: dict[str, dict[str, float]] = {}
    for item in evidence:
        if item.weight <= 0:
            continue
        for state in item.states:
            kinds = strongest.setdefault(state, {})
            kinds[item.kind] = max(kinds.get(item.kind, 0.0), item.weight)
    scores = {}
    for state, kinds in strongest.items():
        remaining = 1.0
        for weight in kinds.values():
            remaining *= 1.0 - weight
        scores[state] = round(1.0 - remaining, 4)
    return scores


def decide(evidence: list[Evidence], min_confidence: float) -> Decision:
    scores = scores_of(evidence)
    ranked = sorted(scores, key=lambda state: (-scores[state], state))
    decision = Decision(scores=scores)
    organisations = [item for item in evidence if item.kind == "org"]
    if organisations:
        decision.organisation, decision.category = organisations[0].org, organisations[0].category
    joint_sets = [set(item.states) for item in evidence if item.joint and item.weight >= JOINT_MIN_WEIGHT]
    winners = [state for state in ranked if scores[state] >= min_confidence]
    strong_others = [state for state in ranked if state not in winners and
                     max((item.weight for item in evidence if state in item.states), default=0) >= CONFLICT_WEIGHT]
    if winners:
        group = set(winners) | set(strong_others)
        if len(group) > 1 and not any(group <= joint for joint in joint_sets):
            decision.reasons.append("conflicting evidence: " + _listing(ranked, scores, group))
            decision.confidence = scores[winners[0]]
            return decision
        decision.states = tuple(winners)
        decision.confidence = min(scores[state] for state in winners)
        decision.category = "member_state"
        return decision
    if ranked:
        best = ranked[0]
        decision.confidence = scores[best]
        decision.reasons.append(
            f"not sure enough: best candidate {best} at {scores[best]:.2f} (needs {min_confidence:.2f})"
            + (f"; also {_listing(ranked[1:], scores, set(ranked[1:]))}" if len(ranked) > 1 else ""))
    ambiguous = [item.detail for item in evidence if item.kind == "ambiguous"]
    if ambiguous:
        decision.reasons.append(ambiguous[0])
    if decision.organisation:
        decision.reasons.append(f"sent by a non-Member-State sender: {decision.organisation} ({decision.category})")
    elif not ranked:
        decision.reasons.append("no evidence of a Member State")
    return decision


def _listing(ranked: list[str], scores: dict[str, float], group: set[str]) -> str:
    return ", ".join(f"{state} {scores[state]:.2f}" for state in ranked if state in group)
