"""Decide what a robot's mail reports: flufl.bounce (Mailman 3's detectors, one per MTA family) for
the addresses, our lenient RFC 3464 reading for the action and status of each recipient."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import compat32

from flufl.bounce import all_failures

from mailbot.kinds import RobotKind
from mailbot.robots import dsn, senders
from mailbot.robots.addresses import clean_address
from parsers.types import ParsedMessage

log = logging.getLogger("mailbot.robots")

DSN_PARTS = frozenset({"message/delivery-status", "message/global-delivery-status"})
RETURNED_PARTS = frozenset({"message/rfc822-headers", "text/rfc822-headers", "message/global-headers"})
COMPLAINT_PARTS = frozenset({"message/feedback-report"})
MDN_PARTS = frozenset({"message/disposition-notification", "message/global-disposition-notification"})
FAILED_ACTIONS = ("failed", "failure", "error")
DELIVERED_ACTIONS = ("delivered", "relayed", "expanded")
# Plain-text delay notices (no delivery-status part): Postfix, Exim, Sendmail, Exchange wording.
DELAY_WORDS = re.compile(r"\b(?:delayed|not yet been delivered|will (?:continue to )?(?:re)?try|"
                         r"still trying|temporar(?:y|ily) (?:failure|problem|error)|deferred)\b", re.IGNORECASE)
FAILURE_LINE = re.compile(r"fail|undeliver|not (?:be )?delivered|unknown|rejected|does not exist|no such",
                          re.IGNORECASE)
ADDRESS_IN_TEXT = re.compile(r"<?([A-Za-z0-9._%+=-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63})>?")
ORIGINAL_FOLLOWS = re.compile(r"^.*(?:original message|returned message|message follows|"
                              r"headers of the original|below this line).*$", re.IGNORECASE | re.MULTILINE)
NEXT_ADDRESS = re.compile(r"^\s*<?[^\s<>@]+@[^\s<>@]+>?:?\s*$", re.MULTILINE)
SMTP_REPLY = re.compile(r"\b([45]\d\d)\b[ :-]")
MESSAGE_ID = re.compile(r"^[ \t]*message-id[ \t]*:[ \t]*(<[^>\s]+>)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class RobotRecipient:
    """One recipient a report is about."""

    address: str
    action: str          # failed | delayed | delivered | relayed | expanded | complaint
    status: str          # RFC 3463 code ("5.1.1"), "" when the report gives none
    permanent: bool
    diagnostic: str = ""

    def as_export(self) -> dict:
        return {"address": self.address, "status": self.status, "action": self.action,
                "permanent": self.permanent}


@dataclass(frozen=True)
class RobotReport:
    """The reading of one robot message: its kind, in words, and the recipients it reports."""

    kind: RobotKind
    reason: str
    recipients: tuple[RobotRecipient, ...]
    original_message_id: str | None

    def as_export(self) -> dict:
        return {"recipients": [recipient.as_export() for recipient in self.recipients]}


def read_robot_mail(parsed: ParsedMessage) -> RobotReport | None:
    """The report when this is a delivery report or a complaint; None for any other mail."""
    declared = {attachment.declared_type for attachment in parsed.attachments}
    report = senders.report_type(parsed)
    if report == "feedback-report" or declared & COMPLAINT_PARTS:
        return _complaint(parsed)
    if report == "disposition-notification" or declared & MDN_PARTS:
        return None          # a read receipt: classify keeps it as "other"
    groups = _dsn_groups(parsed)
    evidence = _evidence(parsed, report, bool(groups))
    if not evidence:
        return None
    unnamed = [group for group in groups if not _group_address(group)]    # pipes, paths: status kept
    recipients = _merge(_from_groups(groups), _from_failed_header(parsed, unnamed), _from_flufl(parsed))
    recipients = recipients or _from_failure_lines(parsed)
    kind = _kind(recipients, parsed)
    return RobotReport(kind, _reason(kind, evidence, recipients), tuple(recipients), original_message_id(parsed))


def _evidence(parsed: ParsedMessage, report: str, has_fields: bool) -> str:
    """Why this is a delivery report, in words; '' when it is not one."""
    if report == "delivery-status":
        return "delivery status notification (multipart/report)"
    if has_fields:
        return "delivery-status fields (RFC 3464)"
    if parsed.header("X-Failed-Recipients"):
        return "X-Failed-Recipients header"
    daemon = senders.daemon_sender(parsed)
    returned = bool(parsed.forwarded) or any(a.declared_type in RETURNED_PARTS for a in parsed.attachments)
    if daemon and (returned or senders.bounce_subject(parsed)):
        return f"delivery report from {daemon}"
    if senders.empty_return_path(parsed) and senders.bounce_subject(parsed):
        return "delivery report (empty return path and a delivery subject)"
    return ""


def _dsn_groups(parsed: ParsedMessage) -> list[dsn.RecipientFields]:
    groups = []
    for attachment in parsed.attachments:
        if attachment.declared_type in DSN_PARTS:
            groups += dsn.recipient_groups(attachment.data.decode("utf-8", "replace"))
    if not groups and re.search(r"^[ \t]*final-recipient[ \t]*:", parsed.body_text, re.IGNORECASE | re.MULTILINE):
        groups = dsn.recipient_groups(parsed.body_text)     # broken MIME: the fields ended up in the body
    return groups


def _from_groups(groups: list[dsn.RecipientFields]) -> list[RobotRecipient]:
    found = []
    for group in groups:
        address = _group_address(group)
        if address is None:
            continue         # a pipe command or a spool path: X-Failed-Recipients may name the address
        action = group.action or {"5": "failed", "4": "delayed", "2": "delivered"}.get(
            dsn.status_class(group.status), "failed")
        if action.startswith(FAILED_ACTIONS):
            action = "failed"
        # Given up on, but for a temporary reason (4.x.x: a full mailbox, a host down): not proof the
        # address is bad, so it is not suppressed.
        # Exim writes 5.0.0 for every failure: the remote server's own reply (452 4.2.2) says more.
        temporary = "4" in (dsn.status_class(group.status), dsn.status_class(dsn.first_status(group.diagnostic)),
                            _reply_class(group.diagnostic))
        permanent = action == "failed" and not temporary
        status = _precise(group.status, dsn.first_status(group.diagnostic))
        found.append(RobotRecipient(address, action, status, permanent, group.diagnostic[:500]))
    return found


def _group_address(group: dsn.RecipientFields) -> str | None:
    return clean_address(group.final_recipient) or clean_address(group.original_recipient)


def _from_failed_header(parsed: ParsedMessage, unnamed: list[dsn.RecipientFields]) -> list[RobotRecipient]:
    """Exim's X-Failed-Recipients: permanent failures, named exactly (where a DSN group names a pipe
    command or a file instead, its status and words still belong to the address)."""
    found = []
    for value in parsed.header_values("X-Failed-Recipients"):
        for piece in value.split(","):
            address = clean_address(piece)
            if not address:
                continue
            status, diagnostic = _near(parsed.body_text, address)
            if unnamed:
                status = unnamed[0].status or status
                diagnostic = unnamed[0].diagnostic or diagnostic or unnamed[0].final_recipient
            found.append(RobotRecipient(address, "failed", status, dsn.status_class(status) != "4", diagnostic))
    return found


def _from_flufl(parsed: ParsedMessage) -> list[RobotRecipient]:
    """Mailman's detectors: temporary and permanent failures, for the families without a DSN part."""
    if not parsed.raw:
        return []
    try:
        temporary, permanent = all_failures(message_from_bytes(parsed.raw, policy=compat32))
    except Exception as err:  # a third-party heuristic on hostile bytes: it must never stop the stage
        log.info("flufl.bounce could not read this message: %s", err)
        return []
    found = []
    for raw, permanent_failure in [(a, True) for a in sorted(permanent)] + [(a, False) for a in sorted(temporary)]:
        address = clean_address(raw)
        if address:
            status, diagnostic = _near(parsed.body_text, address)
            code = status if dsn.status_class(status) == ("5" if permanent_failure else "4") else ""
            found.append(RobotRecipient(address, "failed" if permanent_failure else "delayed", code,
                                        permanent_failure, diagnostic))
    return found


def _from_failure_lines(parsed: ParsedMessage) -> list[RobotRecipient]:
    """Last resort for prose bounces no detector knows: "Delivery failed 10 attempts: a@b.example",
    read only above the returned message."""
    head = ORIGINAL_FOLLOWS.split(parsed.body_text[:20_000])[0]
    found = []
    for line in head.splitlines():
        if FAILURE_LINE.search(line):
            for candidate in ADDRESS_IN_TEXT.findall(line):
                address = clean_address(candidate)
                if address:
                    found.append(RobotRecipient(address, "failed", dsn.first_status(line), True, line.strip()[:300]))
    return _merge(found)


def _merge(*sources: list[RobotRecipient]) -> list[RobotRecipient]:
    """One entry per address; the first source that names it (the DSN fields first) wins."""
    seen: dict[str, RobotRecipient] = {}
    for source in sources:
        for recipient in source:
            seen.setdefault(recipient.address, recipient)
    return list(seen.values())


def _kind(recipients: list[RobotRecipient], parsed: ParsedMessage) -> RobotKind:
    if any(recipient.action == "failed" for recipient in recipients):
        return RobotKind.BOUNCE
    if any(recipient.action == "delayed" for recipient in recipients):
        return RobotKind.DELAY
    if recipients and all(recipient.action in DELIVERED_ACTIONS for recipient in recipients):
        return RobotKind.DELIVERED
    status = dsn.first_status(parsed.body_text)
    if dsn.status_class(status) == "4" or (not status and DELAY_WORDS.search(parsed.subject + "\n" + parsed.body_text)):
        return RobotKind.DELAY
    if dsn.status_class(status) == "2":
        return RobotKind.DELIVERED
    return RobotKind.BOUNCE


def _reason(kind: RobotKind, evidence: str, recipients: list[RobotRecipient]) -> str:
    said = {RobotKind.BOUNCE: "permanent delivery failure", RobotKind.DELAY: "delivery delayed, still retrying",
            RobotKind.DELIVERED: "delivery notice (delivered)", RobotKind.COMPLAINT: "abuse complaint"}[kind]
    listed = ", ".join(f"{r.address} {r.action} {r.status}".strip() for r in recipients[:5]) or "no address named"
    more = f" and {len(recipients) - 5} more" if len(recipients) > 5 else ""
    return f"{said}: {listed}{more} ({evidence})"


def _complaint(parsed: ParsedMessage) -> RobotReport:
    """An ARF feedback report (RFC 5965): who complained, about which of our messages."""
    recipients = []
    for attachment in parsed.attachments:
        if attachment.declared_type in COMPLAINT_PARTS:
            text = attachment.data.decode("utf-8", "replace")
            for name, value in dsn.field_lines(text):
                if name in ("original-rcpt-to", "removal-recipient"):
                    address = clean_address(value)
                    if address:
                        recipients.append(RobotRecipient(address, "complaint", "", False))
    return RobotReport(RobotKind.COMPLAINT, _reason(RobotKind.COMPLAINT, "ARF feedback report", recipients),
                       tuple(_merge(recipients)), original_message_id(parsed))


def _precise(status: str, from_diagnostic: str) -> str:
    """The report's status, or the remote server's own code when the report only says x.0.0 (Exim)."""
    if not status or (status.endswith(".0.0") and dsn.status_class(from_diagnostic) == dsn.status_class(status)):
        return from_diagnostic or status
    return status


def _reply_class(diagnostic: str) -> str:
    """'4' for '452 4.2.2 Mailbox full' (the SMTP reply a diagnostic opens with), else ''."""
    match = re.match(r"\s*([245])\d\d\b", diagnostic or "")
    return match.group(1) if match else ""


def _near(text: str, address: str) -> tuple[str, str]:
    """(status, the server's words) written next to an address in a plain-text bounce: from the address
    to the next address named (qmail and Yahoo write one paragraph per recipient)."""
    start = text.lower().find(address)
    if start < 0:
        return "", ""
    window = text[start + len(address):start + len(address) + 600]
    following = NEXT_ADDRESS.search(window)
    window = window[:following.start()] if following else window
    status = dsn.first_status(window)
    reply = SMTP_REPLY.search(window)
    if not status and reply:
        status = f"{reply.group(1)[0]}.0.0"        # "554 delivery error" -> 5.0.0
    lines = [line.strip(" :>") for line in window.splitlines() if line.strip(" :>")]
    return status, (lines[0][:300] if lines else "")


def original_message_id(parsed: ParsedMessage) -> str | None:
    """The Message-ID of the mail the report is about: from the returned message or its headers."""
    for forwarded in parsed.forwarded:
        if forwarded.message_id:
            return forwarded.message_id
    for attachment in parsed.attachments:
        if attachment.declared_type in RETURNED_PARTS or attachment.declared_type in ("message/rfc822",
                                                                                        "message/global"):
            match = MESSAGE_ID.search(attachment.data[:200_000].decode("utf-8", "replace"))
            if match:
                return match.group(1)
    match = MESSAGE_ID.search(parsed.body_text[:200_000])
    return match.group(1) if match else None
