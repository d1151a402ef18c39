"""Forwarded contributions: the state's own message inside an ITU colleague's forward."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from email.utils import getaddresses, parsedate_to_datetime

from mailbot.attribution import phrases
from mailbot.attribution.collectors.view import MessageView, documents_of, split_body, split_signature, view_of
from mailbot.attribution.text import fold
from parsers.types import Address, ParsedMessage

_FORWARD_SUBJECT_RE = re.compile(r"^\s*(fwd?|fw|tr|rv|reenv|пересл|إعادة توجيه|转发)\s*[:：]", re.I)
_FROM_RE = re.compile(r"^\s*(from|de|от|من|发件人)\s*[:：]\s*(.+)$", re.I)
_SUBJECT_RE = re.compile(r"^\s*(subject|objet|asunto|тема|الموضوع|主题)\s*[:：]\s*(.+)$", re.I)
_DATE_RE = re.compile(r"^\s*\**\s*(date|sent|envoy[ée]|enviado|fecha|отправлено|дата|التاريخ|تاريخ|发送时间|日期|gesendet|"
                      r"datum|data|inviato)\s*\**\s*[:：]\s*(.+)$", re.I)
# How mail clients write the date of a forwarded message, besides RFC 5322.
_DATE_FORMATS = ("%A, %B %d, %Y %I:%M %p", "%A, %B %d, %Y %H:%M", "%B %d, %Y %I:%M %p", "%d %B %Y %H:%M",
                 "%A, %d %B %Y %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%a, %b %d, %Y at %I:%M %p",
                 "%a, %d %b %Y %H:%M", "%A, %B %d, %Y at %I:%M %p")
_MARKERS = tuple(fold(marker) for marker in phrases.FORWARD_MARKERS)


def forwarded_views(parsed: ParsedMessage, outer: MessageView, extracts: dict) -> list[MessageView]:
    """Views of every forwarded message: attached message/rfc822 parts, else an inline forward."""
    views = [replace(view_of(inner, extracts), sent_at=inner.date) for inner in parsed.forwarded]
    if not views and outer.quoted and _is_forward(parsed.subject or "", outer.quoted):
        views.append(_inline_view(outer.quoted, parsed, extracts))
    return views


def _is_forward(subject: str, quoted: str) -> bool:
    head = fold(quoted[:300])
    return bool(_FORWARD_SUBJECT_RE.match(subject)) or any(marker in head for marker in _MARKERS)


def _inline_view(quoted: str, parsed: ParsedMessage, extracts: dict) -> MessageView:
    lines = quoted.splitlines()
    sender, subject, start, sent_at = None, "", 0, None
    for index, line in enumerate(lines[:15]):
        from_match, subject_match = _FROM_RE.match(line), _SUBJECT_RE.match(line)
        date_match = _DATE_RE.match(line.lstrip("> "))
        if date_match and sent_at is None:
            sent_at = parse_forwarded_date(date_match.group(2))
        if from_match and sender is None:
            pairs = [pair for pair in getaddresses([from_match.group(2)]) if "@" in pair[1]]
            if pairs:
                sender = Address(pairs[0][0], pairs[0][1].lower())
        if subject_match and not subject:
            subject = subject_match.group(2).strip()
        if (from_match or subject_match):
            start = index + 1
    body = "\n".join(line.lstrip("> ") for line in lines[start:])
    text, _ = split_body(body)
    above, signature = split_signature(text)
    # The documents were attached to the forward itself: they are the forwarded contribution's.
    return MessageView(sender, (), subject, above, signature, "", documents_of(parsed, extracts), sent_at)


def parse_forwarded_date(text: str) -> datetime | None:
    """The date of a forward's header block: RFC 5322, or the usual mail-client forms (then UTC)."""
    text = " ".join(text.replace("\u202f", " ").split())
    cleaned, moment = re.sub(r"\s*(\(?(UTC|GMT)[^)]*\)?)$", "", text), None
    for form in _DATE_FORMATS:     # before parsedate, which reads "4:05 PM" as 04:05
        try:
            moment = datetime.strptime(cleaned, form)
            break
        except ValueError:
            continue
    if moment is None:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            moment = None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment
