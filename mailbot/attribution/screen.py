"""Screening: compute a message's features once, score each signal of the rules, note why."""
from __future__ import annotations

from mailbot.attribution.collectors.sender import gov_state_of
from mailbot.attribution.document_findings import carried, names_a_state
from mailbot.attribution.signals import Message, features_of
from mailbot.workitem import WorkItem

STAGE = "attribute"
SCREENED_KINDS = ("contribution", "reply")


def screen(item: WorkItem, ctx, outer, check) -> frozenset[str]:
    """The names of the signals that fire for this message; each feature and score goes in the trail."""
    if item.kind not in SCREENED_KINDS or not ctx.rules.signals:
        return frozenset()
    parsed = item.parsed
    documents = tuple(document.first_page for document in outer.documents)
    message = Message(
        subject=parsed.subject or "", new_text=(outer.body + "\n" + outer.signature).strip(),
        quoted=outer.quoted, html=parsed.body_html or "", documents=documents,
        sender_domain=parsed.sender.domain if parsed.sender else "",
        message_ids=tuple(filter(None, (parsed.in_reply_to,) + tuple(parsed.references))),
        has_document=any(not att.is_inline_image for att in parsed.attachments) or bool(parsed.forwarded),
        authenticated=check.trusted, gov_domains=ctx.gov_domains, cctlds=ctx.cctlds, known_domains=ctx.org_domains,
        names_state=_names_state(parsed, outer, ctx), official_sender=official_sender(parsed, check, ctx))
    features = features_of(message, ctx.ours)
    present = {feature.name for feature in features}
    for feature in features:
        item.note(STAGE, f"feature:{feature.name}", feature.detail)
    fired = set()
    for signal in ctx.rules.signals:
        used = [name for name in signal.weights if name in present]
        if not used:
            continue
        score = signal.score(present)
        verdict = "fires" if score >= signal.threshold else "below"
        terms = ", ".join(f"{name} {signal.weights[name]:+.2f}" for name in used)
        item.note(STAGE, f"signal:{signal.name}", f"{score:.2f} {verdict} threshold {signal.threshold:.2f} ({terms})",
                  weight=score)
        if score >= signal.threshold:
            fired.add(signal.name)
    return frozenset(fired)


def _names_state(parsed, outer, ctx) -> bool:
    """Whether any state's name or demonym appears in the subject, text, signature or documents."""
    # A document's answer came with its text from the extraction worker that read it: its text is
    # not scanned again here (nor are the name tables built for it).
    if any(_document_names_state(document, ctx) for document in outer.documents):
        return True
    texts = [parsed.subject or "", outer.body[:3000], outer.signature, parsed.sender.name if parsed.sender else ""]
    # What a forward carries counts too: its own From, subject and text.
    texts += [part for inner in parsed.forwarded for part in (inner.subject or "", (inner.body_text or "")[:3000],
                                                              inner.sender.domain if inner.sender else "")]
    if parsed.forwarded and any(ctx.cctlds.get(inner.sender.domain.rpartition(".")[2]) for inner in parsed.forwarded
                                if inner.sender):
        return True
    return any(ctx.names.names_a_state(text) for text in texts if text)


def _document_names_state(document, ctx) -> bool:
    """The worker's answer for this document when it holds for the name tables in use; scanned here otherwise."""
    found = carried(document.findings, ctx.reference)
    return found.names_state if found is not None else names_a_state(ctx.names, document.first_page)


def official_sender(parsed, check, ctx) -> bool:
    """From a government domain or a known focal point, authenticated."""
    if parsed.sender is None or not check.trusted:
        return False
    return ctx.reference.focal_point(parsed.sender.address) is not None or \
        gov_state_of(parsed.sender.domain, ctx) is not None
