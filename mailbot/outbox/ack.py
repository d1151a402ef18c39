"""The acknowledgement of one contribution (plain text for now; the correspondence layer renders it)."""
from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from zoneinfo import ZoneInfo

from mailbot.outbox.headers import clean_header_value

GENEVA = ZoneInfo("Europe/Zurich")


def compose_ack(runtime, message, attachments, item, message_id: str) -> tuple[str, bytes, str]:
    """Return (subject, MIME bytes, language) of the acknowledgement for a registered contribution."""
    settings = runtime.settings
    received = message.received_at.astimezone(GENEVA)
    subject = clean_header_value(f"Receipt {message.reference}: {message.subject or 'your contribution'}")
    lines = [
        "Dear Sir/Madam,",
        "",
        f"The General Secretariat acknowledges receipt of your contribution, registered as {message.reference},",
        f"received on {received:%d %B %Y at %H:%M} (Geneva time).",
        "",
    ]
    if attachments:
        lines.append("Files received:")
        for attachment in attachments:
            state = "readable" if attachment.status == "ok" else f"could not be read: {attachment.reason}"
            lines.append(f"  - {attachment.filename or attachment.safe_name} ({attachment.size} bytes, {state})")
        lines.append("")
    if message.late:
        lines += ["Your contribution arrived after the deadline; it has been registered and will be",
                  "considered as far as the schedule allows.", ""]
    lines += ["Yours faithfully,", settings.mail.from_name]
    mail = EmailMessage()
    mail["From"] = formataddr((settings.mail.from_name, settings.mail.from_address))
    mail["To"] = message.from_address
    mail["Subject"] = subject
    mail["Date"] = format_datetime(runtime.clock.now())
    mail["Message-ID"] = message_id
    if message.message_id:
        mail["In-Reply-To"] = clean_header_value(message.message_id)
        mail["References"] = clean_header_value(message.message_id)
    mail["Auto-Submitted"] = "auto-replied"
    mail["X-Auto-Response-Suppress"] = "All"
    mail[settings.mail.loop_header] = settings.mail.domain
    mail.set_content("\n".join(lines))
    return subject, bytes(mail), "en"
