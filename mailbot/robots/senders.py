"""Who is a robot: an empty return path, MAILER-DAEMON or postmaster in any form, Auto-Submitted."""
from __future__ import annotations

import re

from parsers.types import ParsedMessage

# In the From text as sent, even when the strict parser refused it ("MAILER-DAEMON <>",
# "Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "postmaster@example.org (Postmaster)").
DAEMON = re.compile(r"mailer[-_ ]?daemon|\bpostmaster\b|mail delivery (?:subsystem|system)|"
                    r"\bmail administrator\b|\bmailerdaemon\b|microsoftexchange[0-9a-f]{10,}", re.IGNORECASE)
BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered|delivery (?:status notification|notification|failure|failed|has failed|report)|"
    r"mail delivery failed|failure notice|returned mail|delivery failure|non-?delivery|"
    r"nondeliverable|could not be delivered|unzustellbar|non remis|no se puede entregar|"
    r"warning: could not send|delayed mail|delivery delayed|message delayed|"
    r"mail system error|delivery problem|delivered:|successful mail delivery|relayed:",
    re.IGNORECASE)


def empty_return_path(parsed: ParsedMessage) -> bool:
    """Return-Path: <> (RFC 5321 null reverse path): only robots send it."""
    return any(value.strip() in ("<>", "") for value in parsed.header_values("Return-Path"))


def daemon_sender(parsed: ParsedMessage) -> str | None:
    """The From text when it names a mail system (MAILER-DAEMON, postmaster...), else None."""
    texts = [parsed.from_header] + [address.address for address in parsed.from_addresses]
    for text in texts:
        if text and DAEMON.search(text):
            return text.strip()[:120]
    return None


def auto_submitted(parsed: ParsedMessage) -> str | None:
    """The Auto-Submitted value when it is not "no" (RFC 3834), else None."""
    for value in parsed.header_values("Auto-Submitted"):
        if value.split(";")[0].strip().lower() not in ("", "no"):
            return value.strip()[:60]
    return None


def report_type(parsed: ParsedMessage) -> str:
    """The report-type of a multipart/report ('delivery-status', 'feedback-report'...), or ''."""
    if parsed.content_type != "multipart/report":
        return ""
    match = re.search(r"report-type\s*=\s*\"?([A-Za-z0-9-]+)", parsed.header("Content-Type") or "",
                      re.IGNORECASE)
    return match.group(1).lower() if match else ""


def bounce_subject(parsed: ParsedMessage) -> bool:
    return bool(BOUNCE_SUBJECT.search(parsed.subject or ""))
