"""Stage `acknowledge`: decide lateness and whether this message gets an acknowledgement."""
from __future__ import annotations

import re

from mailbot.consultation import is_late
from mailbot.correspondence.sanitize import is_addr_spec
from mailbot.pipeline.extract import documents

# The parser's sentences for content it did not read because a limit was passed (parsers/mime_bounds.py,
# parsers/addresses.py, parsers/message.py): such a message is quarantined, i.e. held and not answered.
PAST_LIMITS = re.compile(r"\bwere not (?:read|kept)\b")
HELD_KINDS = ("contribution", "reply", "other")   # robots' mail (auto replies, bounces, loops) is not held
# Document statuses a person must look at (the contribution is still registered and acknowledged).
UNREADABLE = ("corrupt", "timeout", "encrypted", "image_only", "too_large", "empty")


def run(item, runtime) -> None:
    _hold_for_review(item)
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
    elif not is_addr_spec(item.parsed.sender.address):
        # E.g. an internationalised (RFC 6532) address: we never write one into a header unchecked.
        item.ack_due = False
        item.ack_reason = "the sender address is not a plain ASCII address: to be acknowledged by hand"
        _hold(item, item.ack_reason)
    if not item.ack_due:
        item.note("acknowledge", "no_ack", item.ack_reason)


def _hold_for_review(item) -> None:
    """Quarantine past the parser's limits; hold mail whose sender could not be read strictly."""
    parsed = item.parsed
    if parsed is None:
        return
    past = [defect for defect in parsed.defects if PAST_LIMITS.search(defect)]
    if past:
        _hold(item, f"quarantined: the message passed the parser's limits ({past[0]})")
        item.ack_due, item.ack_reason = False, "quarantined past the parser's limits: answered only after review"
    if parsed.sender is None and item.kind in HELD_KINDS:
        _hold(item, "the sender address could not be read strictly (missing, several or malformed From)")
    if item.kind == "contribution":
        for attachment, _forwarded in documents(parsed):
            result = item.extracts.get(attachment.sha256)
            if result is not None and result.status in UNREADABLE:
                name = attachment.filename or attachment.safe_name
                _hold(item, f"document {name[:80]!r} is {result.status.replace('_', ' ')}: "
                            f"{result.reason or 'no text'}"[:300])


def _hold(item, reason: str) -> None:
    item.attribution.needs_review = True
    if reason not in item.attribution.review_reasons:
        item.attribution.review_reasons.append(reason)
    item.note("acknowledge", "held", reason)
