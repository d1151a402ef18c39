"""Forwarding a copy of an inbound message to a colleague, as an admin rule asks, with the original
attached as its stored bytes, unchanged (its DKIM signature still verifies)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from mailbot.kinds import Purpose
from mailbot.outbox.mail import OutgoingMail
from mailbot.outbox.queue import enqueue
from mailbot.outbox.sanitize import header_text

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def forward_key(raw_sha256: str, address: str) -> str:
    return f"forward:{raw_sha256}:{address.lower()}"


def forward_mail(message, raw: bytes, rules: list[str], address: str) -> OutgoingMail:
    """The forward of one registered message to one address; `raw` is the stored original."""
    lines = [
        "Forwarded automatically by mailbot, as the routing rules ask.",
        f"Register id: {message.id}",
        f"Receipt number: {message.reference or '-'}",
        f"From: {message.from_header or message.from_address or '?'}",
        f"Rule: {', '.join(rules) or 'routing rule'}",
        "",
        "The original message is attached unchanged.",
    ]
    return OutgoingMail(
        purpose=Purpose.FORWARD,
        key=forward_key(message.raw_sha256, address),
        recipients=(address,),
        language="en",
        subject=header_text(f"Fwd: {message.subject or '(no subject)'}", limit=250),
        text="\n".join(lines),
        original=raw,
        original_name=f"{message.reference or message.id}.eml",
        message_pk=message.id,
    )


def queue_forwards(session, message, item, runtime: Runtime, now) -> int:
    """One outbox row per forward address, keyed by message and address: a rerun adds none."""
    rules = [hit.rule for hit in item.trail if hit.stage == "attribute" and hit.rule.startswith("rule:")]
    return sum(
        enqueue(session, forward_mail(message, item.fetched.raw, rules, address),
                settings=runtime.settings, now=now)
        for address in item.attribution.forward_to
    )
