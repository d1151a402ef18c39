"""A person's decision on a message (`mailbot review set`): recorded once, shown alike everywhere.

It wins over the machine and survives reprocessing; export, `show` and `explain` carry who decided,
when, the note, and the states before and after."""
from __future__ import annotations

from datetime import datetime

from mailbot.clock import as_utc
from mailbot.timefmt import local_minute

DECIDED = "decided by"      # the review reason that says a person settled it


def apply_decision(message, codes: list[str], note: str, actor: str, now: datetime, kind: str | None = None) -> None:
    """Record the decision on the register row (the caller commits); `kind` None keeps the machine's kind."""
    machine_kind = message.manual_kind_before if message.manual_kind is not None else message.kind
    message.manual_kind, message.manual_kind_before = kind, (machine_kind if kind else None)
    message.kind = kind or machine_kind
    message.manual_states_before = list(message.states or [])
    message.manual_states, message.manual_note = list(codes), note
    message.manual_by, message.manual_at = actor, now
    message.states = list(codes)
    if codes:
        message.category = "member_state"
    keep_decision(message)


def keep_decision(message) -> None:
    """After any (re)processing: the decided states stand, review is settled, and the reasons say so."""
    if message.manual_states is None:
        return
    message.states = list(message.manual_states)
    if message.manual_kind:
        message.kind, message.kind_reason = message.manual_kind, f"{DECIDED} {message.manual_by or '?'}"
    message.needs_review = False
    machine = [reason for reason in (message.review_reasons or []) if not reason.startswith(DECIDED)]
    message.review_reasons = [decided_reason(message)] + machine


def decided_reason(message) -> str:
    """`decided by ana: KEN` or `decided by ana: KEN, kind reply` (when is in the decision itself, so no clock
    is written into the text)."""
    states = ", ".join(message.manual_states or []) or "no Member State"
    kind = f", kind {message.manual_kind}" if getattr(message, "manual_kind", None) else ""
    return f"{DECIDED} {message.manual_by or '?'}: {states}{kind}"


def decision_record(message) -> dict | None:
    """The export's `decision` field: None when no person decided."""
    if getattr(message, "manual_states", None) is None:
        return None
    return {"by": message.manual_by, "at": as_utc(message.manual_at).isoformat() if message.manual_at else None,
            "note": message.manual_note or "", "states": list(message.manual_states),
            "states_before": list(message.manual_states_before or []),
            "kind": message.manual_kind, "kind_before": message.manual_kind_before}


def decision_line(message, zone) -> str | None:
    """One line for people: `decision: EST by ana on 2020-01-16 10:00 CET (before: EST, LVA): note`."""
    if getattr(message, "manual_states", None) is None:
        return None

    before = ", ".join(message.manual_states_before or []) or "none"
    note = f": {message.manual_note}" if message.manual_note else ""
    kind = (f", kind {message.manual_kind} (was {message.manual_kind_before or '?'})"
            if getattr(message, "manual_kind", None) else "")
    return (f"decision: {', '.join(message.manual_states) or 'no Member State'}{kind} by {message.manual_by or '?'} "
            f"on {local_minute(message.manual_at, zone)} (before: {before}){note}")
