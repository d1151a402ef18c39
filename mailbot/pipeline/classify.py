"""Decide what kind of mail a message is (RFC 3834 and friends): small named rules applied in order."""
from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from typing import Callable

from parsers.types import Address, ParsedMessage

KINDS = ("contribution", "auto_reply", "bounce", "reply", "other", "loop")
ROBOT_LOCAL_PARTS = frozenset({
    "mailer-daemon", "postmaster", "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply",
    "do_not_reply", "bounce", "bounces", "mailerdaemon", "listserv", "majordomo", "autoreply",
    "auto-reply", "notifications", "notification",
})
# Subject openings of out-of-office replies, in the languages the Secretariat receives.
OOF_SUBJECTS = (
    "automatic reply", "auto reply", "autoreply", "auto-reply", "out of office", "out of the office",
    "réponse automatique", "reponse automatique", "respuesta automática", "respuesta automatica",
    "автоматический ответ", "رد تلقائي", "自动回复", "自動回覆", "自動応答", "abwesenheitsnotiz",
    "automatische antwort", "resposta automática", "risposta automatica", "absence du bureau",
    "fuera de la oficina",
)
REPLY_PREFIX = r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:(?:re|aw|fw|fwd|tr|rv|wg|sv|antw)\s*:\s*)*"
OOF_PATTERN = re.compile(REPLY_PREFIX + "(?:" + "|".join(re.escape(s) for s in OOF_SUBJECTS) + ")",
                         re.IGNORECASE)
BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered|delivery (?:status notification|failure|failed|has failed)|"
    r"mail delivery failed|failure notice|returned mail|delivery failure|non-?delivery|"
    r"nondeliverable|could not be delivered|unzustellbar|non remis|no se puede entregar",
    re.IGNORECASE)
DSN_PARTS = frozenset({"message/delivery-status", "message/global-delivery-status"})
RETURNED_PARTS = frozenset({"message/rfc822-headers", "text/rfc822-headers"})


@dataclass(frozen=True)
class Ours:
    """What identifies our own outgoing mail."""

    domain: str
    loop_header: str
    addresses: frozenset[str]


Decision = tuple[str, str] | None                   # (kind, reason) when the rule applies
Rule = Callable[[ParsedMessage, Ours], Decision]


def classify(parsed: ParsedMessage, *, our_domain: str, loop_header: str,
             our_addresses: tuple[str, ...]) -> tuple[str, str, list[tuple[str, str]]]:
    """(kind, reason in words, trail of (rule name, detail)); the first rule that applies decides."""
    ours = Ours(our_domain.lower().strip("."), loop_header, frozenset(a.lower() for a in our_addresses))
    trail: list[tuple[str, str]] = []
    if parsed.sender is None:
        trail.append(("untrusted_from", f"From could not be read strictly: {parsed.from_header[:200]!r}"))
    for name, rule in RULES:
        decision = rule(parsed, ours)
        if decision is not None:
            kind, reason = decision
            trail.append((name, reason))
            return kind, reason, trail
    raise AssertionError("the last rule always decides")   # pragma: no cover


def run(item, runtime) -> None:
    """Stage `classify`: decide the kind of message and whether it may be acknowledged at all."""
    mail = runtime.settings.mail
    kind, reason, hits = classify(item.parsed, our_domain=mail.domain, loop_header=mail.loop_header,
                                  our_addresses=(mail.from_address.lower(),))
    item.kind, item.kind_reason = kind, reason
    for rule, detail in hits:
        item.note("classify", rule, detail)
    item.ack_due, item.ack_reason = ack_allowed(item.parsed, kind)


def ack_allowed(parsed: ParsedMessage, kind: str) -> tuple[bool, str]:
    """Whether an acknowledgement may be sent, and why not."""
    if kind != "contribution":
        return False, f"no acknowledgement for {kind.replace('_', ' ')} mail"
    sender = parsed.sender
    if sender is None:
        return False, "the sender address could not be read strictly (missing, several or malformed)"
    if _is_robot(sender):
        return False, f"the sender {sender.address} is an automatic address"
    if _empty_return_path(parsed):
        return False, "the return path is empty (<>): automatic mail is never answered"
    return True, ""


def bounce_details(parsed: ParsedMessage) -> list[tuple[str, str, str, str | None]]:
    """(failed recipient, status, diagnostic, original Message-ID) for each recipient a bounce reports."""
    original = _original_message_id(parsed)
    details = []
    for attachment in parsed.attachments:
        if attachment.declared_type in DSN_PARTS:
            for fields in _recipient_blocks(attachment.data):
                details.append((
                    _after_type(fields.get("final-recipient") or fields.get("original-recipient", "")),
                    fields.get("status", "").strip(),
                    _after_type(fields.get("diagnostic-code", "")),
                    original,
                ))
    if not details:
        for failed in parsed.header_values("X-Failed-Recipients"):
            for address in filter(None, (part.strip() for part in failed.split(","))):
                details.append((address, "", "", original))
    if not details and original:
        details.append(("", "", "", original))
    return details


# --- rules, in order -------------------------------------------------------------------------

def rule_delivery_report(parsed: ParsedMessage, ours: Ours) -> Decision:
    """A DSN (multipart/report; report-type=delivery-status), or a postmaster's bounce with its usual shape."""
    # Before our-own-mail: a DSN our own relay writes carries our domain, yet must reach the outbox match.
    report = _report_type(parsed)
    if report == "delivery-status" or any(a.declared_type in DSN_PARTS for a in parsed.attachments):
        return "bounce", "delivery status notification (multipart/report)"
    if report:
        return None      # a read receipt or a complaint report, even from a postmaster
    sender = parsed.sender
    robot = sender is not None and sender.address.split("@")[0].lower() in ("mailer-daemon", "postmaster")
    returned = bool(parsed.forwarded) or any(a.declared_type in RETURNED_PARTS for a in parsed.attachments)
    if robot and (returned or BOUNCE_SUBJECT.search(parsed.subject) or parsed.header("X-Failed-Recipients")):
        return "bounce", f"delivery failure from {sender.address}: {parsed.subject[:80]}"
    return None


def rule_our_own_mail(parsed: ParsedMessage, ours: Ours) -> Decision:
    if parsed.header(ours.loop_header) is not None:
        return "loop", f"our own loop header {ours.loop_header} is present"
    if parsed.message_id and _under_domain(parsed.message_id, ours.domain):
        return "loop", f"the Message-ID {parsed.message_id} is under our domain"
    if any(address.address.lower() in ours.addresses for address in parsed.from_addresses):
        return "loop", "the From address is one of ours"
    return None


def rule_receipt_or_complaint(parsed: ParsedMessage, ours: Ours) -> Decision:
    report = _report_type(parsed)
    declared = {attachment.declared_type for attachment in parsed.attachments}
    if report == "disposition-notification" or "message/disposition-notification" in declared:
        return "other", "read receipt (message disposition notification)"
    if report == "feedback-report" or "message/feedback-report" in declared:
        return "other", "abuse complaint report (ARF feedback report)"
    return None


def rule_auto_submitted(parsed: ParsedMessage, ours: Ours) -> Decision:
    for value in parsed.header_values("Auto-Submitted"):
        token = value.split(";")[0].strip().lower()
        if token != "no":
            return "auto_reply", f"Auto-Submitted: {value.strip()[:60]}"
    return None


def rule_out_of_office(parsed: ParsedMessage, ours: Ours) -> Decision:
    if parsed.header("X-Auto-Response-Suppress") is not None and \
            parsed.header("X-MS-Exchange-Inbox-Rules-Loop") is not None:
        return "auto_reply", "Exchange inbox rule reply (X-MS-Exchange-Inbox-Rules-Loop)"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        if parsed.header(name) is not None:
            return "auto_reply", f"{name} header present"
    match = OOF_PATTERN.search(parsed.subject)
    if match:
        return "auto_reply", f"out-of-office subject: {parsed.subject[:80]}"
    return None


def rule_list_mail(parsed: ParsedMessage, ours: Ours) -> Decision:
    precedence = (parsed.header("Precedence") or "").strip().lower()
    if precedence in ("bulk", "junk", "list"):
        return "other", f"list or bulk mail (Precedence: {precedence})"
    for name, _ in parsed.headers:
        if name.lower().startswith("list-"):
            return "other", f"list mail ({name} header)"
    return None


def rule_robot_sender(parsed: ParsedMessage, ours: Ours) -> Decision:
    if _empty_return_path(parsed):
        return "other", "empty return path (<>): automatic mail"
    for address in parsed.from_addresses:
        if _is_robot(address):
            return "other", f"automatic sender {address.address}"
    return None


def rule_reply_to_us(parsed: ParsedMessage, ours: Ours) -> Decision:
    documents = [a for a in parsed.attachments if not a.is_inline_image]
    if parsed.in_reply_to and _under_domain(parsed.in_reply_to, ours.domain) and not documents:
        return "reply", f"answers our message {parsed.in_reply_to} and brings no document"
    return None


def rule_contribution(parsed: ParsedMessage, ours: Ours) -> Decision:
    if parsed.sender is not None:
        return "contribution", f"mail from {parsed.sender.address}"
    return "other", "the From address could not be read strictly: held for review"


RULES: tuple[tuple[str, Rule], ...] = (
    ("delivery_report", rule_delivery_report),
    ("our_own_mail", rule_our_own_mail),
    ("receipt_or_complaint", rule_receipt_or_complaint),
    ("auto_submitted", rule_auto_submitted),
    ("out_of_office", rule_out_of_office),
    ("list_mail", rule_list_mail),
    ("robot_sender", rule_robot_sender),
    ("reply_to_us", rule_reply_to_us),
    ("contribution", rule_contribution),
)


# --- helpers -------------------------------------------------------------------------------

def _is_robot(address: Address) -> bool:
    local = address.address.rpartition("@")[0].lower()
    return local in ROBOT_LOCAL_PARTS or local.startswith(("owner-", "noreply", "no-reply")) \
        or local.endswith(("-request", "-owner", "-bounces"))


def _empty_return_path(parsed: ParsedMessage) -> bool:
    return any(value.strip() in ("<>", "") for value in parsed.header_values("Return-Path"))


def _under_domain(message_id: str, domain: str) -> bool:
    if not domain:
        return False
    right = message_id.strip().strip("<>").rpartition("@")[2].lower()
    return right == domain or right.endswith("." + domain)


def _report_type(parsed: ParsedMessage) -> str:
    if parsed.content_type != "multipart/report":
        return ""
    match = re.search(r"report-type\s*=\s*\"?([A-Za-z0-9-]+)", parsed.header("Content-Type") or "",
                      re.IGNORECASE)
    return match.group(1).lower() if match else ""


def _blocks(data: bytes) -> list[Message]:
    text = data.replace(b"\r\n", b"\n")
    return [BytesParser(policy=compat32).parsebytes(block, headersonly=True)
            for block in re.split(rb"\n[ \t]*\n", text) if block.strip()]


def _recipient_blocks(data: bytes) -> list[dict[str, str]]:
    """The per-recipient field groups of a delivery-status part (those naming a recipient)."""
    groups = []
    for block in _blocks(data):
        fields = {name.lower(): re.sub(r"\s+", " ", str(value)) for name, value in block.raw_items()}
        if "final-recipient" in fields or "original-recipient" in fields:
            groups.append(fields)
    return groups


def _after_type(value: str) -> str:
    """'rfc822; a@b.c' -> 'a@b.c' (address-type and diagnostic-type prefixes removed)."""
    kind, separator, rest = value.partition(";")
    return rest.strip() if separator and re.fullmatch(r"\s*[A-Za-z0-9.-]+\s*", kind) else value.strip()


def _original_message_id(parsed: ParsedMessage) -> str | None:
    """The Message-ID of the mail that bounced: from the returned message or its returned headers."""
    for forwarded in parsed.forwarded:
        if forwarded.message_id:
            return forwarded.message_id
    for attachment in parsed.attachments:
        if attachment.declared_type in RETURNED_PARTS or attachment.declared_type == "message/rfc822":
            match = re.search(rb"^message-id:\s*(<[^>\s]+>)", attachment.data, re.IGNORECASE | re.MULTILINE)
            if match:
                return match.group(1).decode("utf-8", "replace")
    match = re.search(r"^\s*message-id:\s*(<[^>\s]+>)", parsed.body_text, re.IGNORECASE | re.MULTILINE)
    return match.group(1) if match else None
