"""Stage `acknowledge`: decide lateness and whether this message gets an acknowledgement."""
from __future__ import annotations

from mailbot.consultation import is_late


def run(item, runtime) -> None:
    item.late = item.kind == "contribution" and is_late(item.fetched.received_at, runtime.consultation)
    if item.late:
        item.note("acknowledge", "late", f"received {item.fetched.received_at.isoformat()} after the deadline")
    if not item.ack_due:
        return
    if item.kind != "contribution":          # an admin rule may have changed the kind
        item.ack_due, item.ack_reason = False, f"not acknowledged: kind {item.kind}"
    elif not runtime.settings.ack.enabled:
        item.ack_due, item.ack_reason = False, "acknowledgements are switched off"
    elif item.attribution.suppress_ack:
        item.ack_due, item.ack_reason = False, item.attribution.suppress_reason or "suppressed by attribution"
    elif item.attribution.duplicate_of:
        item.ack_due, item.ack_reason = False, f"duplicate of {item.attribution.duplicate_of}"
    if not item.ack_due:
        item.note("acknowledge", "no_ack", item.ack_reason)
