"""attribute(): admin rules first, then the built-in evidence, then duplicates and revisions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from mailbot.attribution.collectors import CONTENT_COLLECTORS, SENDER_COLLECTORS, view_of
from mailbot.attribution.collectors.forwarded import forwarded_views
from mailbot.attribution.collectors.sender import address_evidence
from mailbot.attribution.context import AttributionContext
from mailbot.attribution.decide import Decision, decide
from mailbot.attribution.evidence import SENDER_KINDS, Evidence, evidence
from mailbot.attribution.history import find_duplicate, find_revision, revision_word
from mailbot.attribution.memo import per_message
from mailbot.attribution.rules import Facts
from mailbot.attribution.screen import official_sender, screen
from mailbot.attribution.spoofing import SenderCheck, check_sender
from mailbot.kinds import Kind
from mailbot.workitem import Attribution, WorkItem

STAGE = "attribute"
ATTRIBUTED_KINDS = (None, "contribution", "reply")
JOINT_REVIEW_ABOVE = 3     # more co-authors than this: a person confirms the list (issue 11, class 5)


@dataclass
class RuleOutcome:
    """What the matching admin rules decided, merged in file order."""

    names: list[str] = field(default_factory=list)
    states: tuple[str, ...] | None = None
    states_rule: str | None = None
    states_rule_uses_sender: bool = False
    category: str | None = None
    kind: str | None = None
    needs_review: bool = False
    review_reasons: list[str] = field(default_factory=list)
    suppress_reason: str | None = None
    route_folder: str | None = None
    forward_to: tuple[str, ...] = ()


def attribute(item: WorkItem, ctx: AttributionContext) -> None:
    """Fill `item.attribution` and append the evidence trail to `item.trail`."""
    with per_message():     # each text of the message is tokenised and scanned once, not once per reader
        _attribute(item, ctx)


def _attribute(item: WorkItem, ctx: AttributionContext) -> None:
    result = Attribution(rules_version=ctx.rules.version, needs_review=False)
    item.attribution = result
    parsed = item.parsed
    if parsed is None:
        _review(result, "the message could not be parsed")
        item.note(STAGE, "decision", "no parsed message: held for review")
        return
    outer = view_of(parsed, item.extracts)
    check = check_sender(parsed, item.fetched.raw if item.fetched else None,
                         trusted_authserv_id=ctx.settings.trusted_authserv_id,
                         require_authentication=ctx.settings.require_authentication,
                         verify_dkim=ctx.settings.verify_dkim, dns_func=ctx.dns_func)
    item.note(STAGE, "sender_check", f"{check.status}: {check.detail}")
    fired = screen(item, ctx, outer, check)
    outcome = apply_rules(item, ctx, outer, fired)
    if outcome.kind and outcome.kind != item.kind:
        item.note(STAGE, f"rule:{outcome.names[0]}", f"kind {item.kind} -> {outcome.kind}")
        item.kind = Kind(outcome.kind)
    _apply_routing(result, outcome)
    if item.kind not in ATTRIBUTED_KINDS and outcome.states is None:
        item.note(STAGE, "decision", f"kind {item.kind}: not a contribution, no attribution")
        _finish_review(result, outcome)
        return
    staff = staff_forwarder(parsed, check, ctx)
    found, forwarded, inner_views = collect(parsed, outer, item, ctx, staff=staff is not None)
    found = _discount_sender(found, check, item)
    found += _consistent_mentions(found, item)
    decision = decide(found, ctx.settings.min_confidence)
    provisional(decision, found, item)
    if unclaimed(decision, fired, outcome, parsed, check, ctx, item):
        _not_for_us(result, item, named_states=bool(decision.scores) or any(e.states for e in found))
        _finish_review(result, outcome)
        return
    _apply_decision(result, decision, outcome, check, forwarded, found, item)
    if staff is not None and inner_views:
        _staff_forward(result, staff, inner_views, item)
    if not result.states and decision.category == "regional_org" and outcome.states is None:
        _co_signers(result, decision, outer, ctx, item)
    _flag_ocr_only(result, found)
    if ctx.settings.review_provider_senders:
        _flag_provider_only(result, found)
    _duplicates_and_revisions(result, item, ctx, outer)
    _finish_review(result, outcome)
    item.note(STAGE, "decision", _summary(result), weight=result.confidence, states=result.states)


def rule_facts(item: WorkItem, outer, signals: frozenset[str] = frozenset()) -> Facts:
    parsed = item.parsed
    return Facts(signals=signals, sender=parsed.sender.address.lower() if parsed.sender else "",
                 headers=parsed.headers, subject=parsed.subject or "", body=parsed.body_text or "",
                 documents=tuple(doc.text or doc.first_page for doc in outer.documents),
                 attachment_names=tuple(att.filename or att.safe_name for att in parsed.attachments),
                 language=item.language, kind=item.kind)


def apply_rules(item: WorkItem, ctx: AttributionContext, outer,
                signals: frozenset[str] = frozenset()) -> RuleOutcome:
    outcome = RuleOutcome()
    facts = rule_facts(item, outer, signals)
    for rule in ctx.rules.rules:
        if not rule.matches(facts):
            continue
        then = rule.then
        outcome.names.append(rule.name)
        item.note(STAGE, f"rule:{rule.name}", f"matched ({rule.note or 'no note'}) [rules {ctx.rules.version}]",
                  weight=1.0, states=tuple(then.get("states", ())))
        if "states" in then and outcome.states is None:
            outcome.states, outcome.states_rule = tuple(then["states"]), rule.name
            outcome.states_rule_uses_sender = rule.uses_sender
        outcome.category = outcome.category or then.get("category")
        outcome.kind = outcome.kind or then.get("kind")
        if then.get("needs_review"):
            outcome.needs_review = True
            outcome.review_reasons.append(then.get("review_reason") or f"rule {rule.name} asks for review")
        if then.get("suppress_ack") and outcome.suppress_reason is None:
            outcome.suppress_reason = then.get("suppress_reason") or f"rule {rule.name}"
        outcome.route_folder = outcome.route_folder or then.get("route_folder")
        outcome.forward_to += tuple(a for a in then.get("forward_to", ()) if a not in outcome.forward_to)
        if rule.stop:
            break
    return outcome


def collect(parsed, outer, item: WorkItem, ctx: AttributionContext,
            staff: bool = False) -> tuple[list[Evidence], bool, list]:
    """All evidence: the envelope, the author's own text, and any forwarded message inside.

    In a forward by our own staff (authenticated), the original sender's address counts as if
    it had written to us, and the staff member's own address is no evidence at all.
    """
    found: list[Evidence] = []
    for collector in (CONTENT_COLLECTORS if staff else SENDER_COLLECTORS + CONTENT_COLLECTORS):
        found += collector(outer, ctx)
    inner_found: list[Evidence] = []
    inner_views = forwarded_views(parsed, outer, item.extracts)
    for inner in inner_views:
        if inner.sender is not None:
            inner_found += [evidence("forwarded", e.kind if staff else "forwarded_sender", e.states,
                                     f"forwarded From: {e.detail}" + (" (forwarded by our staff)" if staff else ""))
                            for e in address_evidence("forwarded", inner.sender.address, ctx)
                            if e.kind in ("focal_point", "gov_domain")]
        for collector in CONTENT_COLLECTORS:
            inner_found += [replace(e, collector=f"forwarded {e.collector}") for e in collector(inner, ctx)]
    forwarded = any(e.weight > 0 and e.states for e in inner_found)
    found += inner_found
    for item_evidence in found:
        item.note(STAGE, f"{item_evidence.collector}:{item_evidence.kind}", item_evidence.detail,
                  weight=item_evidence.weight, states=item_evidence.states)
    return found, forwarded, inner_views


def staff_forwarder(parsed, check: SenderCheck, ctx: AttributionContext) -> str | None:
    """The address of our own staff member who forwarded this message (authenticated), or None."""
    sender = parsed.sender
    if sender is None or not check.trusted or not parsed.forwarded and not _looks_forwarded(parsed):
        return None
    domain = sender.domain.lower()
    if any(domain == mine or domain.endswith("." + mine) for mine in ctx.ours.staff_domains):
        return sender.address
    return None


def _looks_forwarded(parsed) -> bool:
    return bool(re.match(r"^\s*(fwd?|fw|tr|wg|rv|reenv|i|enc|пересл|إعادة توجيه|转发)\s*[:：]", parsed.subject or "", re.I)) \
        or "forwarded message" in (parsed.body_text or "").lower()[:3000]


def _staff_forward(result: Attribution, staff: str, inner_views: list, item: WorkItem) -> None:
    """Attributed to the original sender; lateness on the original's own date; a person confirms."""
    inner = inner_views[0]
    original = inner.sender.address if inner.sender else "unknown"
    result.forwarded = True
    sent = inner.sent_at
    if sent is not None and item.fetched is not None and sent <= item.fetched.received_at:
        result.original_received_at = sent
        item.note(STAGE, "staff_forward", f"forwarded by {staff}; the original is dated {sent.isoformat()}: "
                                          "lateness is judged on that date")
    result.review_reasons.append(f"forwarded by our staff {staff}: confirm the original sender {original}"
                                 + (f" and its date {sent:%Y-%m-%d %H:%M %Z}" if sent else ""))


def _co_signers(result: Attribution, decision: Decision, outer, ctx: AttributionContext, item: WorkItem) -> None:
    """A group of states writes: the administrations its document lists, for a person to confirm."""
    texts = [document.first_page for document in outer.documents] + [outer.body]
    listed = next((states for states in map(ctx.analyser.listed_states, texts) if states), ())
    if not listed:
        return
    result.states = listed
    result.review_reasons.append(f"sent by {decision.organisation} for the administrations it lists "
                                 f"({', '.join(listed)}): please confirm")
    item.note(STAGE, "co_signers", f"{decision.organisation} lists {', '.join(listed)}", states=listed)


PROVISIONAL_MIN = 0.45   # an authored statement (body, signature, title block), not a mere mention


def unclaimed(decision: Decision, fired: frozenset[str], outcome: RuleOutcome, parsed, check: SenderCheck,
              ctx: AttributionContext, item: WorkItem) -> bool:
    """Not our call (signal not_our_call) and nobody to attribute it to: no state (not even a
    provisional one), no organisation, no official sender, no rule's states. Such mail is not taken
    as a contribution."""
    if item.kind != "contribution" or "not_our_call" not in fired or outcome.states is not None:
        return False
    return not decision.states and not decision.organisation and not official_sender(parsed, check, ctx)


def _not_for_us(result: Attribution, item: WorkItem, named_states: bool) -> None:
    """Kind other, no state, no receipt; a person looks when it names a state or carries a document."""
    item.note(STAGE, "decision", "kind contribution -> other: not our call and no confident author "
              "(signal not_our_call, no state, organisation or official sender)")
    item.kind = Kind.OTHER
    result.states, result.confidence, result.category = (), 0.0, result.category or "not_our_call"
    # A document, or states named without a confident author, could still be an input: a person
    # looks. Plain off-topic mail is not queued for review (the Today page lists it among the mail
    # that may need an answer, and `explain` says why it is kind other).
    if named_states or _has_document(item):
        result.review_reasons.append("names neither our subject nor our circular, and no state or organisation "
                                     "is its author: not taken as a contribution, please look")
    result.suppress_ack = True
    result.suppress_reason = result.suppress_reason or "not about our call and no attributable author"


def _has_document(item: WorkItem) -> bool:
    parsed = item.parsed
    return parsed is not None and any(not att.is_inline_image for att in parsed.attachments)


def provisional(decision: Decision, found: list[Evidence], item: WorkItem) -> None:
    """Not sure enough, but all the content names one state: that state, for a person to confirm."""
    if decision.states or not decision.scores or decision.organisation:
        return
    candidates = [state for state, score in decision.scores.items() if score >= PROVISIONAL_MIN]
    if len(candidates) != 1 or len(decision.scores) != 1 or any(e.kind == "ambiguous" for e in found):
        return
    state = candidates[0]
    decision.states, decision.category = (state,), "member_state"
    decision.reasons.append(f"provisional: the content names only {state} "
                            f"(confidence {decision.scores[state]:.2f}); please confirm")
    item.note(STAGE, "provisional", f"{state} filled in for the reviewer to confirm", states=(state,))


def _flag_ocr_only(result: Attribution, found: list[Evidence]) -> None:
    """An attribution resting on OCR text alone is read from a scan: a person checks it."""
    if not result.states:
        return
    backing = [e for e in found if e.weight > 0 and set(e.states) & set(result.states)]
    if backing and all(e.collector.endswith("ocr_document") for e in backing):
        result.review_reasons.append("the attribution rests on OCR text alone (a scanned document): please confirm")


def _flag_provider_only(result: Attribution, found: list[Evidence]) -> None:
    """From a public mail provider, with nothing of the sender (no focal point, no government domain)
    behind the states: anyone can open such an address and write a state's name, so a person confirms
    (issue 11, classes 5 and 10). The receipt still goes: the content is a contribution."""
    provider = next((e for e in found if e.collector == "sender" and e.kind == "provider"), None)
    if provider is None or not result.states:
        return
    if any(e.collector == "sender" and e.weight > 0 and set(e.states) & set(result.states) for e in found):
        return
    result.review_reasons.append(f"sent from a public mail provider ({provider.detail.split(' ', 1)[0]}): only "
                                 f"the content names {', '.join(result.states)}; please confirm the sender")


def _consistent_mentions(found: list[Evidence], item: WorkItem) -> list[Evidence]:
    """An authenticated sender's state that its own text names too: one more, independent item."""
    senders = {state for e in found if e.collector == "sender" and e.kind in SENDER_KINDS and e.weight > 0
               for state in e.states}
    # A mere mention or an author statement alike: the sender's own words name its own state.
    named = {state for e in found if e.collector in ("subject", "body", "signature")
             and (e.kind == "mention" or e.weight > 0) for state in e.states}
    added = [evidence("sender", "consistent_mention", (state,), f"the authenticated sender's state {state} "
                      "is named in the subject, body or signature") for state in sorted(senders & named)]
    for extra in added:
        item.note(STAGE, "sender:consistent_mention", extra.detail, weight=extra.weight, states=extra.states)
    return added


def _discount_sender(found: list[Evidence], check: SenderCheck, item: WorkItem) -> list[Evidence]:
    """Sender evidence counts only for an authenticated sender (or with the check switched off)."""
    if check.trusted:
        return found
    dropped = [e for e in found if e.kind in SENDER_KINDS and e.weight > 0]
    if dropped:
        item.note(STAGE, "sender_check", f"sender evidence not counted ({check.status}): "
                  + "; ".join(e.detail for e in dropped))
    return [replace(e, weight=0.0) if e.kind in SENDER_KINDS else e for e in found]


def _apply_decision(result: Attribution, decision: Decision, outcome: RuleOutcome, check: SenderCheck,
                    forwarded: bool, found: list[Evidence], item: WorkItem) -> None:
    result.states, result.confidence = decision.states, decision.confidence
    result.category = outcome.category or decision.category
    result.forwarded = forwarded
    result.review_reasons.extend(decision.reasons)
    if len(decision.states) > JOINT_REVIEW_ABOVE:
        result.review_reasons.append(f"a joint contribution of {len(decision.states)} states: "
                                     "please confirm the list")
    sender_org = next((e for e in found if e.kind == "org" and e.collector == "sender"), None)
    if decision.states and sender_org is not None and not forwarded:
        result.review_reasons.append(f"sent by {sender_org.org} ({sender_org.category}), not by the state itself")
    if outcome.states is not None:
        _apply_rule_states(result, outcome, check, decision)
    if check.status == "fail":
        _hold_spoof(result, f"sender authentication failed ({check.detail})")
    elif check.status == "invalid":
        _hold_spoof(result, check.detail)


def _apply_rule_states(result: Attribution, outcome: RuleOutcome, check: SenderCheck, decision: Decision) -> None:
    if outcome.states_rule_uses_sender and not check.trusted:
        result.states, result.confidence = (), 0.0
        result.review_reasons.append(f"rule {outcome.states_rule} matched the sender, "
                                     f"which is not authenticated ({check.status})")
        return
    # The rule decided: the built-in evidence stays in the trail but no longer asks for review.
    result.states, result.confidence = outcome.states or (), 1.0
    result.category = outcome.category or ("member_state" if outcome.states else decision.category)
    result.review_reasons.clear()


def _hold_spoof(result: Attribution, reason: str) -> None:
    """No receipt; the states the content names stay, provisionally, for the reviewer to confirm."""
    if result.states:
        reason += f"; the content points to {', '.join(result.states)} (provisional)"
    result.review_reasons.append(reason)
    result.suppress_ack, result.suppress_reason = True, reason


def _apply_routing(result: Attribution, outcome: RuleOutcome) -> None:
    result.route_folder, result.forward_to = outcome.route_folder, outcome.forward_to
    if outcome.category:
        result.category = outcome.category
    if outcome.suppress_reason:
        result.suppress_ack, result.suppress_reason = True, outcome.suppress_reason


def _duplicates_and_revisions(result: Attribution, item: WorkItem, ctx: AttributionContext, outer) -> None:
    parsed = item.parsed
    documents = tuple(att.sha256 for att in parsed.attachments if not att.is_inline_image)
    if not result.states or not documents or item.fetched is None:
        return
    received = item.fetched.received_at
    priors = ctx.history.prior_contributions(result.states, documents, before=received,
                                             exclude_message_id=parsed.message_id)
    first, recent = find_duplicate(result.states, documents, priors, received, ctx.settings.duplicate_window_days)
    if first is not None:
        result.duplicate_of = first.message_id
        item.note(STAGE, "duplicate", f"same documents as {first.message_id} ({first.received_at:%Y-%m-%d})")
        if recent and not result.suppress_ack:
            result.suppress_ack = True
            result.suppress_reason = (f"duplicate of {first.message_id}, acknowledged within "
                                      f"{ctx.settings.duplicate_window_days} days")
        return
    titles = [doc.filename for doc in outer.documents] + ["\n".join(doc.first_page.splitlines()[:5])
                                                          for doc in outer.documents]
    word = revision_word(parsed.subject or "", *titles)
    revised = find_revision(result.states, documents, priors) if word else None
    if revised is not None:
        result.revision_of = revised.message_id
        item.note(STAGE, "revision", f"says {word!r}: revises {revised.message_id}")


def _finish_review(result: Attribution, outcome: RuleOutcome) -> None:
    if outcome.needs_review:
        result.review_reasons.extend(outcome.review_reasons)
    result.review_reasons[:] = list(dict.fromkeys(result.review_reasons))
    result.needs_review = bool(result.review_reasons)


def _review(result: Attribution, reason: str) -> None:
    result.review_reasons.append(reason)
    result.needs_review = True


def _summary(result: Attribution) -> str:
    who = ", ".join(result.states) or (result.category or "nobody")
    parts = [f"{who} (confidence {result.confidence:.2f})"]
    if result.needs_review:
        parts.append("review: " + "; ".join(result.review_reasons))
    if result.forwarded:
        parts.append("forwarded")
    if result.suppress_ack:
        parts.append(f"no acknowledgement: {result.suppress_reason}")
    return "; ".join(parts)
