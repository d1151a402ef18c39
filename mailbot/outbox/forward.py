"""Forwarding a copy of an inbound message to a colleague, as an admin rule asks, with the original attached."""
from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from mailbot.correspondence.sanitize import header_text
from mailbot.outbox.queue import enqueue, new_message_id


def queue_forwards(session, message, item, runtime, now) -> int:
    """One outbox row per forward address, keyed by message and address: a rerun adds none."""
    queued = 0
    for address in item.attribution.forward_to:
        message_id = new_message_id(runtime.settings.mail.domain)
        subject = header_text(f"Fwd: {message.subject or '(no subject)'}", limit=250)
        raw = _forward_mail(runtime, message, item, address, message_id, subject)
        queued += enqueue(session, key=f"forward:{message.raw_sha256}:{address.lower()}", purpose="forward",
                          recipients=[address], envelope_from=runtime.settings.mail.from_address,
                          message_id=message_id, subject=subject, raw=raw, now=now, message_pk=message.id)
    return queued


def _forward_mail(runtime, message, item, address: str, message_id: str, subject: str) -> bytes:
    settings = runtime.settings.mail
    rules = [hit.rule for hit in item.trail if hit.stage == "attribute" and hit.rule.startswith("rule:")]
    mail = EmailMessage()
    mail["From"] = formataddr((settings.from_name, settings.from_address))
    mail["To"] = address
    mail["Subject"] = subject
    mail["Date"] = format_datetime(runtime.clock.now())
    mail["Message-ID"] = message_id
    mail["Auto-Submitted"] = "auto-generated"
    mail["X-Auto-Response-Suppress"] = "All"
    mail[header_text(settings.loop_header, 60)] = header_text(settings.domain, 200)   # as compose_mail does
    lines = [
        "Forwarded automatically by mailbot, as the routing rules ask.",
        f"Register id: {message.id}",
        f"Receipt number: {message.reference or '-'}",
        f"From: {message.from_header or message.from_address or '?'}",
        f"Rule: {', '.join(rules) or 'routing rule'}",
        "",
        "The original message is attached unchanged.",
    ]
    mail.set_content("\n".join(lines))
    _attach_original(mail, item.fetched.raw, f"{message.reference or message.id}.eml")
    return bytes(mail)


def _attach_original(mail: EmailMessage, raw: bytes, filename: str) -> None:
    """message/rfc822 when the original is 7-bit with short lines; otherwise base64 as a .eml file.

    A message/rfc822 part may not be base64-encoded, and SMTP refuses lines over 998 octets, so an
    original with 8-bit bytes or long lines travels as an opaque file that every client still opens.
    """
    lines = raw.splitlines()
    if raw.isascii() and all(len(line) <= 998 for line in lines):
        from email import message_from_bytes, policy

        original = message_from_bytes(raw, policy=policy.SMTP)
        mail.add_attachment(original, filename=filename)
        return
    mail.add_attachment(raw, maintype="application", subtype="octet-stream", filename=filename)
