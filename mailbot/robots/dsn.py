"""RFC 3464 delivery-status fields read leniently: one field group per recipient, even when the
blank line between groups is missing, the part is broken MIME, or the fields sit in the body text."""
from __future__ import annotations

import re
from dataclasses import dataclass

FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]{0,60})[ \t]*:[ \t]*(.*)$")
STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
# The fields that open a recipient's group (RFC 3464 section 2.3).
RECIPIENT_FIELDS = ("original-recipient", "final-recipient", "x-actual-recipient")
PER_RECIPIENT = frozenset(RECIPIENT_FIELDS + ("action", "status", "remote-mta", "diagnostic-code",
                                              "last-attempt-date", "will-retry-until", "final-log-id"))


@dataclass(frozen=True)
class RecipientFields:
    """One recipient's fields as reported (values unfolded, address-type prefixes left in)."""

    final_recipient: str
    original_recipient: str
    action: str
    status: str
    diagnostic: str
    remote_mta: str


def recipient_groups(text: str) -> list[RecipientFields]:
    """Every recipient group of a delivery-status text (a part, or a body that carries the fields)."""
    groups: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for name, value in field_lines(text):
        if name not in PER_RECIPIENT:
            continue
        if _opens_new_group(current, name):
            groups.append(current)
            current = {}
        current.setdefault(name, value)
    groups.append(current)
    return [_group(fields) for fields in groups
            if fields.get("final-recipient") or fields.get("original-recipient") or fields.get("x-actual-recipient")]


def status_class(status: str) -> str:
    """'5.1.1' -> '5'; '' when the text carries no RFC 3463 status code."""
    match = STATUS.search(status or "")
    return match.group(1) if match else ""


def first_status(text: str) -> str:
    """The first RFC 3463 status code in a text ('5.2.2'), or ''."""
    match = STATUS.search(text or "")
    return match.group(0) if match else ""


def _opens_new_group(current: dict[str, str], name: str) -> bool:
    """A recipient field opens the next recipient's group when the current group already has it, or
    already has its action or status (Postfix writes Final- before Original-Recipient, others after)."""
    if name not in RECIPIENT_FIELDS:
        return False
    return name in current or "action" in current or "status" in current


def field_lines(text: str):
    """(lower-case name, unfolded value) for each field line; blank lines and prose are skipped."""
    name, value = None, ""
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and name is not None and line.strip():
            value += " " + line.strip()
            continue
        if name is not None:
            yield name, value.strip()
            name = None
        match = FIELD.match(line)
        if match:
            name, value = match.group(1).lower(), match.group(2)
    if name is not None:
        yield name, value.strip()


def _group(fields: dict[str, str]) -> RecipientFields:
    return RecipientFields(
        final_recipient=fields.get("final-recipient") or fields.get("x-actual-recipient", ""),
        original_recipient=fields.get("original-recipient", ""),
        action=fields.get("action", "").split("(")[0].strip().lower(),
        status=first_status(fields.get("status", "")) or fields.get("status", "").strip(),
        diagnostic=_after_type(fields.get("diagnostic-code", "")),
        remote_mta=_after_type(fields.get("remote-mta", "")),
    )


def _after_type(value: str) -> str:
    """'smtp; 550 5.1.1 unknown' -> '550 5.1.1 unknown' (the type prefix removed)."""
    kind, separator, rest = value.partition(";")
    return rest.strip() if separator and re.fullmatch(r"\s*[A-Za-z0-9.-]+\s*", kind) else value.strip()
