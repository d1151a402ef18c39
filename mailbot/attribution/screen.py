"""Screening: compute a message's features once, score each signal of the rules, note why."""
from __future__ import annotations

from mailbot.attribution.signals import Message, features_of
from mailbot.pipeline.workitem import WorkItem

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
        authenticated=check.trusted, gov_domains=ctx.gov_domains, cctlds=ctx.cctlds)
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
