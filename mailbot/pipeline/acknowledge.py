"""Stage `acknowledge`: decide lateness and the one AckDecision (send, hold or not; which message; why)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import re
from datetime import datetime, timedelta

from sqlmodel import select

from mailbot.consultation import as_aware_utc, is_late
from mailbot.correspondence.ack_mail import ack_mail
from mailbot.correspondence.resend import resend_mail
from mailbot.correspondence.sanitize import is_addr_spec
from mailbot.kinds import AckOutcome, AckPurpose, Kind, Purpose
from mailbot.workitem import AckDecision, no_ack
from mailbot.pipeline.extract import documents
from mailbot.store.models import Message
from mailbot.store.register import ack_count_today

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

# The parser's sentences for content it did not read because a limit was passed (parsers/mime_bounds.py,
# parsers/addresses.py, parsers/message.py): such a message is quarantined, i.e. held and not answered.
PAST_LIMITS = re.compile(r"\bwere not (?:read|kept)\b")
HELD_KINDS = (Kind.CONTRIBUTION, Kind.REPLY, Kind.OTHER)   # robots' mail (auto replies, bounces, loops) is not held
# Document statuses a person must look at (the contribution is still registered and acknowledged).
UNREADABLE = ("corrupt", "timeout", "encrypted", "image_only", "too_large", "empty")
# Issue #11, class 9: a resend this long after the first copy gets one short "already registered" answer.
RESEND_NOTICE_AFTER = timedelta(hours=24)
ANSWERED = "\\Answered"


def run(item, runtime: Runtime) -> None:
    quarantined = _hold_for_review(item)
    # A staff forward is judged on the original's own date (attribution found it in the forward).
    received = item.attribution.original_received_at or item.fetched.received_at
    item.late = item.kind == Kind.CONTRIBUTION and is_late(received, runtime.consultation)
    if item.late:
        item.note("acknowledge", "late", f"received {received.isoformat()} after the deadline")
    item.ack = no_ack(quarantined) if quarantined else decide(item, runtime)
    item.ack_due = item.ack.queues
    if item.ack.outcome is AckOutcome.NONE:
        item.ack_reason = item.ack.reason
    rule = {AckOutcome.SEND: "ack", AckOutcome.HELD: "ack_held", AckOutcome.NONE: "no_ack"}[item.ack.outcome]
    item.note("acknowledge", rule, item.ack.describe())


def decide(item, runtime: Runtime) -> AckDecision:
    """The whole acknowledgement decision for one message, in one place."""
    decision = _what_to_send(item, runtime)
    if decision.outcome is AckOutcome.SEND:
        hold = hold_reason(item.fetched, runtime)
        if hold:
            return decision.held(hold)
    return decision


def _what_to_send(item, runtime: Runtime) -> AckDecision:
    attribution = item.attribution
    if not item.ack_due:                       # classify's verdict: robots, unreadable senders ...
        return no_ack(item.ack_reason or f"no acknowledgement for {item.kind} mail")
    if item.kind != Kind.CONTRIBUTION:            # an admin rule may have changed the kind
        return no_ack(f"not acknowledged: kind {item.kind}")
    if not runtime.settings.ack.enabled:
        return no_ack("acknowledgements are switched off")
    if attribution.duplicate_of and _suppressed_only_as_duplicate(attribution):
        return _resend(item, runtime)
    if attribution.suppress_ack:
        return no_ack(attribution.suppress_reason or "suppressed by attribution")
    if not is_addr_spec(item.parsed.sender.address):
        # E.g. an internationalised (RFC 6532) address: we never write one into a header unchecked.
        reason = "the sender address is not a plain ASCII address: to be acknowledged by hand"
        _hold(item, reason)
        return no_ack(reason)
    capped = _daily_cap(item, runtime)
    if capped:
        return capped
    if item.late and runtime.consultation.late.late_notice:
        return AckDecision(AckOutcome.SEND, AckPurpose.LATE_ACK, "received after the deadline: late acknowledgement")
    reason = "received after the deadline; the late policy sends the ordinary acknowledgement" if item.late else ""
    return AckDecision(AckOutcome.SEND, AckPurpose.ACK, reason)


def hold_reason(fetched, runtime: Runtime) -> str:
    """Why an acknowledgement must wait for a person (`mailbot ack release`), or "" to send it."""
    consultation = runtime.consultation
    if fetched.first_read_at is not None:
        backlog = timedelta(hours=runtime.settings.ack.backlog_hours)
        if fetched.received_at < fetched.first_read_at - backlog:
            return (f"arrived {_local(fetched.received_at, consultation)}, before mailbot first read this "
                    f"folder on {_local(fetched.first_read_at, consultation)}")
    if ANSWERED in fetched.flags:
        return "already answered by hand: it carried the \\Answered flag when mailbot first fetched it"
    return ""


def _local(moment: datetime, consultation) -> str:
    return f"{consultation.local(moment):%Y-%m-%d %H:%M %Z}"


def _suppressed_only_as_duplicate(attribution) -> bool:
    """The attribution's duplicate suppression is the resend rule's to decide; any other is final."""
    return not attribution.suppress_ack or (attribution.suppress_reason or "").startswith("duplicate of")


def _resend(item, runtime: Runtime) -> AckDecision:
    """The same document again: one "already registered" notice after 24 hours, nothing before."""
    copy = item.attribution.duplicate_of
    with runtime.session() as session:
        first = first_copy(session, copy)
    if first is None or first.reference is None:
        return no_ack(f"duplicate of {copy}")
    gap = as_aware_utc(item.fetched.received_at) - as_aware_utc(first.received_at)
    if gap < RESEND_NOTICE_AFTER:
        return no_ack(f"duplicate of {copy} ({first.reference}), sent again within 24 hours: no second mail")
    return AckDecision(AckOutcome.SEND, AckPurpose.RESEND_NOTICE,
                       f"sent again {gap.days} day(s) after the first copy, registered under {first.reference}: "
                       "the sender is told it arrived", first_copy_pk=first.id)


def first_copy(session, message_id: str) -> Message | None:
    if message_id.startswith("register:") and message_id[9:].isdigit():
        return session.get(Message, int(message_id[9:]))
    return session.exec(select(Message).where(Message.message_id == message_id)
                        .order_by(Message.received_at)).first()


def _daily_cap(item, runtime: Runtime) -> AckDecision | None:
    address, now = item.parsed.sender.address, runtime.clock.now()
    with runtime.engine.connect() as connection:
        count = ack_count_today(connection, address, now)
    if count < runtime.settings.ack.daily_cap_per_recipient:
        return None
    return AckDecision(AckOutcome.NONE, None, "daily acknowledgement cap for this sender reached",
                       event=("ack_cap", f"{address} {now.date()}",
                              f"acknowledgements to {address} stopped at the daily cap"))


def build(decision: AckDecision, runtime: Runtime, session, message: Message, documents=None):
    """The OutgoingMail the decision names (acknowledgement or resend notice), from the register rows,
    as `preview ack` builds it too; its purpose is the decision's. `documents`: the message's
    document rows when the caller has just written them (no query to read them back)."""
    from dataclasses import replace

    if decision.purpose is AckPurpose.RESEND_NOTICE:
        return resend_mail(runtime.consultation, message, session.get(Message, decision.first_copy_pk),
                           runtime.reference.usual_languages)
    usual = runtime.reference.usual_languages
    mail = ack_mail(session, message, runtime.consultation, usual_language=usual, documents=documents)
    return replace(mail, purpose=Purpose(decision.purpose.value))


def _hold_for_review(item) -> str:
    """Quarantine past the parser's limits; hold mail whose sender could not be read strictly.
    Returns the quarantine's no-acknowledgement reason, or ""."""
    parsed = item.parsed
    if parsed is None:
        return ""
    quarantined = ""
    past = [defect for defect in parsed.defects if PAST_LIMITS.search(defect)]
    if past:
        _hold(item, f"quarantined: the message passed the parser's limits ({past[0]})")
        quarantined = "quarantined past the parser's limits: answered only after review"
    if parsed.sender is None and item.kind in HELD_KINDS:
        _hold(item, "the sender address could not be read strictly (missing, several or malformed From)")
    if item.kind == Kind.CONTRIBUTION:
        for attachment, _forwarded in documents(parsed):
            result = item.extracts.get(attachment.sha256)
            if result is not None and result.status in UNREADABLE:
                name = attachment.filename or attachment.safe_name
                _hold(item, f"document {name[:80]!r} is {result.status.replace('_', ' ')}: "
                            f"{result.reason or 'no text'}"[:300])
    return quarantined


def _hold(item, reason: str) -> None:
    item.attribution.needs_review = True
    if reason not in item.attribution.review_reasons:
        item.attribution.review_reasons.append(reason)
    item.note("acknowledge", AckOutcome.HELD, reason)
