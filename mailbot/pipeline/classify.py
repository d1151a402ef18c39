"""Placeholder classifier (replaced by the parse branch)."""
from __future__ import annotations

from parsers.types import ParsedMessage


def classify(parsed: ParsedMessage, *, our_domain: str, loop_header: str, our_addresses=()):
    if parsed.header(loop_header):
        return "loop", "our own mail came back", [("own_mail", loop_header)]
    auto = (parsed.header("Auto-Submitted") or "no").strip().lower()
    if auto != "no":
        return "auto_reply", f"Auto-Submitted: {auto}", [("auto_submitted", auto)]
    if "report" in parsed.content_type:
        return "bounce", "delivery status notification", [("dsn", parsed.content_type)]
    if parsed.header("List-Id") or (parsed.header("Precedence") or "").lower() in ("bulk", "list", "junk"):
        return "other", "list mail", [("list", "List-Id/Precedence")]
    return "contribution", "mail from a sender", [("default", "contribution")]


def ack_allowed(parsed: ParsedMessage, kind: str):
    if kind != "contribution":
        return False, f"not acknowledged: {kind}"
    if parsed.sender is None:
        return False, "no single trustworthy From address"
    return True, ""


def run(item, runtime) -> None:
    """Stage `classify`: decide the kind of message and whether it may be acknowledged at all."""
    mail = runtime.settings.mail
    kind, reason, hits = classify(item.parsed, our_domain=mail.domain, loop_header=mail.loop_header,
                                  our_addresses=(mail.from_address.lower(),))
    item.kind, item.kind_reason = kind, reason
    for rule, detail in hits:
        item.note("classify", rule, detail)
    item.ack_due, item.ack_reason = ack_allowed(item.parsed, kind)


def bounce_details(parsed):
    return []
