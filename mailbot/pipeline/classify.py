"""Decide what kind of mail a message is (RFC 3834 and friends): small named rules applied in order."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, TYPE_CHECKING

from mailbot.kinds import Kind, RobotKind
from mailbot.robots import RobotReport, read_robot_mail
from mailbot.robots.senders import daemon_sender, empty_return_path, report_type
from parsers.types import Address, ParsedMessage

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

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


@dataclass(frozen=True)
class Ours:
    """What identifies our own outgoing mail."""

    domain: str
    loop_header: str
    addresses: frozenset[str]
    robot: RobotReport | None = None      # mailbot.robots' reading of this message, read once


Decision = tuple[str, str] | None                   # (kind, reason) when the rule applies
Rule = Callable[[ParsedMessage, Ours], Decision]


def classify(parsed: ParsedMessage, *, our_domain: str, loop_header: str, our_addresses: tuple[str, ...],
             robot: RobotReport | None | bool = True) -> tuple[str, str, list[tuple[str, str]]]:
    """(kind, reason in words, trail of (rule name, detail)); the first rule that applies decides.
    `robot` is the robot reading when the caller already has it (True: read it here)."""
    report = read_robot_mail(parsed) if robot is True else robot
    ours = Ours(our_domain.lower().strip("."), loop_header, frozenset(a.lower() for a in our_addresses), report)
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


def run(item, runtime: Runtime) -> None:
    """Stage `classify`: decide the kind of message and whether it may be acknowledged at all."""
    mail = runtime.settings.mail
    item.robot = read_robot_mail(item.parsed)
    kind, reason, hits = classify(item.parsed, our_domain=mail.domain, loop_header=mail.loop_header,
                                  our_addresses=(mail.from_address.lower(),), robot=item.robot)
    item.kind, item.kind_reason = Kind(kind), reason
    for rule, detail in hits:
        item.note("classify", rule, detail)
    item.ack_due, item.ack_reason = ack_allowed(item.parsed, kind)


def ack_allowed(parsed: ParsedMessage, kind: str) -> tuple[bool, str]:
    """Whether an acknowledgement may be sent, and why not."""
    if kind != Kind.CONTRIBUTION:
        return False, f"no acknowledgement for {kind.replace('_', ' ')} mail"
    sender = parsed.sender
    if sender is None:
        return False, "the sender address could not be read strictly (missing, several or malformed)"
    if _is_robot(sender):
        return False, f"the sender {sender.address} is an automatic address"
    if empty_return_path(parsed):
        return False, "the return path is empty (<>): automatic mail is never answered"
    return True, ""


def bounce_details(parsed: ParsedMessage) -> list[tuple[str, str, str, str | None]]:
    """(recipient, status, diagnostic, original Message-ID) for each recipient a delivery report names."""
    report = read_robot_mail(parsed)
    if report is None or report.kind == RobotKind.COMPLAINT:
        return []
    original = report.original_message_id
    details = [(r.address, r.status, r.diagnostic, original) for r in report.recipients]
    return details or ([("", "", "", original)] if original else [])


# --- rules, in order -------------------------------------------------------------------------

def rule_delivery_report(parsed: ParsedMessage, ours: Ours) -> Decision:
    """Bounces, delays, delivered notices and complaints, as mailbot.robots reads them."""
    # Before our-own-mail: a DSN our own relay writes carries our domain, yet must reach the outbox match.
    if ours.robot is not None:
        return ours.robot.kind.value, ours.robot.reason
    return None


def rule_our_own_mail(parsed: ParsedMessage, ours: Ours) -> Decision:
    if parsed.header(ours.loop_header) is not None:
        return Kind.LOOP, f"our own loop header {ours.loop_header} is present"
    if parsed.message_id and _under_domain(parsed.message_id, ours.domain):
        return Kind.LOOP, f"the Message-ID {parsed.message_id} is under our domain"
    if any(address.address.lower() in ours.addresses for address in parsed.from_addresses):
        return Kind.LOOP, "the From address is one of ours"
    return None


def rule_receipt_or_complaint(parsed: ParsedMessage, ours: Ours) -> Decision:
    report = report_type(parsed)
    declared = {attachment.declared_type for attachment in parsed.attachments}
    if report == "disposition-notification" or "message/disposition-notification" in declared:
        return Kind.OTHER, "read receipt (message disposition notification)"
    return None


def rule_auto_submitted(parsed: ParsedMessage, ours: Ours) -> Decision:
    for value in parsed.header_values("Auto-Submitted"):
        token = value.split(";")[0].strip().lower()
        if token != "no":
            return Kind.AUTO_REPLY, f"Auto-Submitted: {value.strip()[:60]}"
    return None


def rule_out_of_office(parsed: ParsedMessage, ours: Ours) -> Decision:
    if parsed.header("X-Auto-Response-Suppress") is not None and \
            parsed.header("X-MS-Exchange-Inbox-Rules-Loop") is not None:
        return Kind.AUTO_REPLY, "Exchange inbox rule reply (X-MS-Exchange-Inbox-Rules-Loop)"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        if parsed.header(name) is not None:
            return Kind.AUTO_REPLY, f"{name} header present"
    match = OOF_PATTERN.search(parsed.subject)
    if match:
        return Kind.AUTO_REPLY, f"out-of-office subject: {parsed.subject[:80]}"
    return None


def rule_list_mail(parsed: ParsedMessage, ours: Ours) -> Decision:
    precedence = (parsed.header("Precedence") or "").strip().lower()
    if precedence in ("bulk", "junk", "list"):
        return Kind.OTHER, f"list or bulk mail (Precedence: {precedence})"
    for name, _ in parsed.headers:
        if name.lower().startswith("list-"):
            return Kind.OTHER, f"list mail ({name} header)"
    return None


def rule_robot_sender(parsed: ParsedMessage, ours: Ours) -> Decision:
    if empty_return_path(parsed):
        return Kind.OTHER, "empty return path (<>): automatic mail"
    for address in parsed.from_addresses:
        if _is_robot(address):
            return Kind.OTHER, f"automatic sender {address.address}"
    daemon = daemon_sender(parsed)        # also when the strict parser refused it ("MAILER-DAEMON <>")
    if daemon:
        return Kind.OTHER, f"automatic sender (a mail system): {daemon}"
    return None


def rule_reply_to_us(parsed: ParsedMessage, ours: Ours) -> Decision:
    documents = [a for a in parsed.attachments if not a.is_inline_image]
    if parsed.in_reply_to and _under_domain(parsed.in_reply_to, ours.domain) and not documents:
        return Kind.REPLY, f"answers our message {parsed.in_reply_to} and brings no document"
    return None


def rule_contribution(parsed: ParsedMessage, ours: Ours) -> Decision:
    if parsed.sender is not None:
        return Kind.CONTRIBUTION, f"mail from {parsed.sender.address}"
    return Kind.OTHER, "the From address could not be read strictly: held for review"


RULES: tuple[tuple[str, Rule], ...] = (
    ("delivery_report", rule_delivery_report),
    ("our_own_mail", rule_our_own_mail),
    ("receipt_or_complaint", rule_receipt_or_complaint),
    ("auto_submitted", rule_auto_submitted),
    ("out_of_office", rule_out_of_office),
    ("list_mail", rule_list_mail),
    ("robot_sender", rule_robot_sender),
    ("reply_to_us", rule_reply_to_us),
    (Kind.CONTRIBUTION, rule_contribution),
)


# --- helpers -------------------------------------------------------------------------------

def _is_robot(address: Address) -> bool:
    local = address.address.rpartition("@")[0].lower()
    return local in ROBOT_LOCAL_PARTS or local.startswith(("owner-", "noreply", "no-reply")) \
        or local.endswith(("-request", "-owner", "-bounces"))


def _under_domain(message_id: str, domain: str) -> bool:
    if not domain:
        return False
    right = message_id.strip().strip("<>").rpartition("@")[2].lower()
    return right == domain or right.endswith("." + domain)
