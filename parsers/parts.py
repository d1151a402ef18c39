"""Walk a parsed MIME tree: body text, attachments with generated names, and forwarded messages."""
from __future__ import annotations

import binascii
import hashlib
from dataclasses import dataclass, field
from email.feedparser import BytesFeedParser
from email.message import Message
from email.policy import compat32
from typing import Callable

from parsers.defect_words import describe
from parsers.enriched import enriched_to_text
from parsers.headers import decode_bytes, decode_header_value, guess_text, header_bytes, latin1_view, raw_values
from parsers.mime_bounds import bound_message
from parsers.safe_names import clean_display_name, is_hostile_name, safe_name
from parsers.sniff import sniff_type
from parsers.types import Attachment, ParsedMessage

# message/* parts that are header blocks or reports, kept as data rather than opened as messages.
REPORT_TYPES = frozenset({
    "message/delivery-status", "message/disposition-notification", "message/rfc822-headers",
    "text/rfc822-headers", "message/feedback-report", "message/partial", "message/external-body",
    "message/global-delivery-status", "message/global-headers",
    "message/global-disposition-notification",
})
FORWARD_TYPES = frozenset({"message/rfc822", "message/global", "message/news"})
# Report parts whose fields people read: their text joins the body text (and the search index).
READABLE_REPORTS = frozenset({"message/delivery-status", "message/global-delivery-status"})
# Body alternatives read when there is no text/plain part (RFC 1896, and its RFC 1341 ancestor).
ENRICHED_TYPES = frozenset({"text/enriched", "text/richtext"})
# Transfer encodings RFC 2046 forbids on message/rfc822, which senders use anyway.
ENCODED_FORWARD = frozenset({"base64", "quoted-printable"})
BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
NOT_BASE64 = bytes(sorted(set(range(256)) - set(BASE64_ALPHABET)))
UUENCODE_NAMES = frozenset({"x-uuencode", "uuencode", "uue", "x-uue"})


@dataclass
class WalkLimits:
    """Per-call counters shared by a message and the messages forwarded inside it (no global state)."""

    max_depth: int
    max_parts: int
    leaves: int = 0
    attachments: int = 0
    stopped: bool = False


@dataclass
class Collected:
    """What one message's walk found, before it is frozen into a ParsedMessage."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    enriched: list[str] = field(default_factory=list)     # text/enriched, already made plain
    reports: list[str] = field(default_factory=list)      # the text of delivery-status parts
    attachments: list[Attachment] = field(default_factory=list)
    forwarded: list[ParsedMessage] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)


ParseInner = Callable[[Message, WalkLimits, int], ParsedMessage]


def walk(root: Message, limits: WalkLimits, depth: int, parse_inner: ParseInner) -> Collected:
    """Collect the body, attachments and forwarded messages of one message (not of the ones inside)."""
    found = Collected()
    _visit(root, limits, depth, parse_inner, found, path="the message", inside_attachment=False)
    return found


def _visit(part: Message, limits: WalkLimits, depth: int, parse_inner: ParseInner, found: Collected,
           path: str, inside_attachment: bool) -> None:
    if limits.leaves >= limits.max_parts:
        if not limits.stopped:
            limits.stopped = True
            found.defects.append(f"more than {limits.max_parts} parts: the rest were not read")
        return
    found.defects.extend(describe(defect, path) for defect in part.defects)
    content_type = part.get_content_type()
    payload = raw_payload(part)
    if content_type in FORWARD_TYPES and isinstance(payload, list) and payload \
            and isinstance(payload[0], Message):
        _forwarded(part, _decoded_inner(part, payload[0], limits, depth, found.defects, path),
                   limits, depth, parse_inner, found, path)
    elif isinstance(payload, list) and content_type not in REPORT_TYPES \
            and part.get_content_maintype() != "message":
        attached = inside_attachment or part.get_content_disposition() == "attachment"
        for number, child in enumerate(payload, start=1):
            if isinstance(child, Message):
                _visit(child, limits, depth + 1, parse_inner, found, f"{path}, part {number}", attached)
    else:
        _leaf(part, limits, found, path, inside_attachment)


def _decoded_inner(part: Message, inner: Message, limits: WalkLimits, depth: int, defects: list[str],
                   path: str) -> Message:
    """A forwarded message sent base64- or quoted-printable-encoded: the email package parsed the
    encoded text as a message without headers; decode it and parse it again, within the limits."""
    encodings = raw_values(part, "Content-Transfer-Encoding")
    encoding = header_bytes(encodings[0]).decode("ascii", "replace").strip().lower() if encodings else ""
    if encoding not in ENCODED_FORWARD:
        return inner
    encoded = message_bytes(inner)
    if encoding == "base64":
        data = _lenient_base64(encoded, defects, path)
    else:
        data = binascii.a2b_qp(encoded.lstrip(b"\r\n"))
    defects.append(f"a forwarded message was sent {encoding}-encoded, which RFC 2046 does not allow; "
                   f"it was decoded and read ({path})")
    bounded, notes = bound_message(data, max_depth=max(1, limits.max_depth - depth),
                                   max_parts=max(1, limits.max_parts - limits.leaves), max_header_bytes=1_000_000)
    defects.extend(notes)
    feeder = BytesFeedParser(policy=compat32)
    feeder.feed(bounded)
    return feeder.close()


def _forwarded(part: Message, inner: Message, limits: WalkLimits, depth: int, parse_inner: ParseInner,
               found: Collected, path: str) -> None:
    if depth >= limits.max_depth:
        found.defects.append(f"a forwarded message nested more than {limits.max_depth} levels deep "
                             f"was kept as an attachment ({path})")
        _leaf(part, limits, found, path, inside_attachment=True)
        return
    found.forwarded.append(parse_inner(inner, limits, depth + 1))


def _leaf(part: Message, limits: WalkLimits, found: Collected, path: str, inside_attachment: bool) -> None:
    limits.leaves += 1
    content_type = part.get_content_type()
    disposition = (part.get_content_disposition() or "").lower()
    filename = _filename(part, found.defects, path)
    payload = raw_payload(part)
    if content_type in FORWARD_TYPES and isinstance(payload, list) and payload \
            and isinstance(payload[0], Message):
        data = message_bytes(payload[0])
    else:
        data = part_bytes(part, found.defects, path)
    readable = disposition != "attachment" and filename is None and not inside_attachment
    if content_type in ("text/plain", "text/html") and readable:
        text, problems = decode_bytes(data, _charset(part), path)
        found.defects.extend(problems)
        (found.plain if content_type == "text/plain" else found.html).append(text)
        return
    if content_type in ENRICHED_TYPES and readable:
        text, problems = decode_bytes(data, _charset(part), path)
        found.defects.extend(problems)
        found.enriched.append(enriched_to_text(text))
        return
    if content_type in READABLE_REPORTS and not inside_attachment:
        found.reports.append(decode_bytes(data, _charset(part) or "utf-8", path)[0].strip())   # and kept below
    if part.get_content_maintype() == "multipart" and not data.strip():
        return      # an empty multipart shell (its parts were never found): nothing to keep
    found.attachments.append(_attachment(part, data, filename, disposition, limits, found.defects, path))


def _attachment(part: Message, data: bytes, filename: str | None, disposition: str, limits: WalkLimits,
                defects: list[str], path: str) -> Attachment:
    limits.attachments += 1
    declared = part.get_content_type()
    sniffed = sniff_type(data, declared, filename)
    digest = hashlib.sha256(data).hexdigest()
    content_id = _content_id(part)
    if is_hostile_name(filename):
        defects.append(f"attachment name {(filename or '')[:80]!r} looks like a path or is unsafe; "
                       f"it is kept only as data ({path})")
    return Attachment(
        filename=clean_display_name(filename),
        safe_name=safe_name(limits.attachments, digest, filename, sniffed, declared),
        declared_type=declared,
        sniffed_type=sniffed,
        size=len(data),
        sha256=digest,
        disposition=disposition if disposition in ("attachment", "inline") else "",
        content_id=content_id,
        is_inline_image=part.get_content_maintype() == "image" and bool(content_id or disposition == "inline"),
        data=data,
    )


def _content_id(part: Message) -> str | None:
    values = raw_values(part, "Content-ID")
    if not values:
        return None
    text, _ = decode_header_value(values[0], "Content-ID")
    return text.strip().strip("<>").strip() or None


def _param_view(part: Message) -> Message:
    """The part's Content-Type and Content-Disposition with 8-bit bytes kept as latin-1 characters."""
    view = Message()
    for name in ("Content-Type", "Content-Disposition"):
        values = raw_values(part, name)
        if values:
            view[name] = latin1_view(values[0])
    return view


def _charset(part: Message) -> str | None:
    charset = _param_view(part).get_param("charset")
    if isinstance(charset, tuple):          # RFC 2231 form: (charset, language, value)
        charset = charset[2]
    return str(charset).strip().strip('"') if charset else None


def _filename(part: Message, defects: list[str], path: str) -> str | None:
    """The name the sender gave (RFC 2231, then RFC 2047, then raw 8-bit), or None."""
    view = _param_view(part)
    value = view.get_param("filename", None, "content-disposition")
    if value is None:
        value = view.get_param("name", None, "content-type")
    if value is None:
        return None
    if isinstance(value, tuple):
        charset, _language, text = value
        name, problems = decode_bytes(_latin1_bytes(text), charset or None, f"the attachment name in {path}")
        defects.extend(problems)
    else:
        # A plain value: raw 8-bit bytes come back as latin-1 characters; read them as UTF-8 or guessed.
        name = guess_text(_latin1_bytes(str(value).strip('"')))[0]
    name, problems = decode_header_value(name, "attachment name")
    defects.extend(f"{problem} ({path})" for problem in problems)
    return name or None


def _latin1_bytes(text: str) -> bytes:
    return text.encode("latin-1") if all(ord(char) < 256 for char in text) else text.encode("utf-8", "surrogateescape")


def raw_payload(part: Message) -> object:
    """The payload as stored: a str, or a list of parts.

    get_payload() without decode=True decodes 8-bit text with the declared charset, which raises on
    a charset name with a NUL in it; the stored value is what we need anyway.
    """
    return part._payload   # noqa: SLF001 - the email package offers no public raw accessor


def part_bytes(part: Message, defects: list[str], path: str) -> bytes:
    """The decoded bytes of a leaf (or the serialized header blocks of a report part)."""
    payload = raw_payload(part)
    if isinstance(payload, list):
        return _blocks_bytes(payload)
    if not isinstance(payload, str):
        return b""
    encodings = raw_values(part, "Content-Transfer-Encoding")
    encoding = header_bytes(encodings[0]).decode("ascii", "replace").strip().lower() if encodings else ""
    if encoding == "base64":
        return _lenient_base64(header_bytes(payload), defects, path)
    if encoding in UUENCODE_NAMES:
        return _uudecode(header_bytes(payload), defects, path)
    try:
        data = part.get_payload(decode=True)
    except (ValueError, UnicodeError, LookupError) as err:
        defects.append(f"the transfer encoding could not be undone ({path}): {err}")
        return header_bytes(payload)
    return data if isinstance(data, bytes) else b""


def _lenient_base64(raw: bytes, defects: list[str], path: str) -> bytes:
    """Decode base64 whatever its flaws: junk characters ignored, a dangling character dropped.

    bytes.translate keeps it to about one copy of the data (attachments can be tens of MB); it also
    drops the whitespace and the '=' padding, so no strip() copies are needed."""
    if raw.translate(None, BASE64_ALPHABET + b" \t\n\r\f\v="):
        defects.append(f"bad base64: characters outside the alphabet were skipped ({path})")
    cleaned = raw.translate(None, NOT_BASE64)
    if len(cleaned) % 4 == 1:
        defects.append(f"bad base64: the data is truncated, one stray character was dropped ({path})")
        cleaned = cleaned[:-1]
    if len(cleaned) % 4:
        cleaned += b"=" * (-len(cleaned) % 4)
    return binascii.a2b_base64(cleaned)


def _uudecode(raw: bytes, defects: list[str], path: str) -> bytes:
    """Decode an x-uuencode body (between 'begin' and 'end'), line by line, skipping broken lines."""
    decoded: list[bytes] = []
    started = False
    for line in raw.splitlines():
        if not started:
            started = line.startswith(b"begin ")
            continue
        if line.strip() == b"end":
            break
        if not line.strip():
            continue
        try:
            decoded.append(binascii.a2b_uu(line))
        except binascii.Error:
            try:
                count = (((line[0] - 32) & 63) * 4 + 5) // 3   # tolerate senders that pad lines oddly
                decoded.append(binascii.a2b_uu(line[:count]))
            except (binascii.Error, IndexError):
                defects.append(f"bad uuencode line skipped ({path})")
    if not started:
        defects.append(f"declared x-uuencode but has no 'begin' line ({path})")
        return raw if raw.strip() else b""
    return b"".join(decoded)


def message_bytes(message: Message) -> bytes:
    """A nested message serialized back to bytes (header blocks only when it cannot be)."""
    try:
        return message.as_bytes(policy=compat32)
    except (UnicodeError, LookupError, ValueError, TypeError, RecursionError):
        return _blocks_bytes([message])


def _blocks_bytes(blocks: list) -> bytes:
    """Header blocks (delivery-status, rfc822-headers) back to text, as they were sent."""
    chunks = []
    for block in blocks:
        if not isinstance(block, Message):
            continue
        lines = [f"{name}: {value}" for name, value in block.raw_items()]
        chunks.append("\r\n".join(lines).encode("utf-8", "surrogateescape"))
    return b"\r\n\r\n".join(chunks) + b"\r\n"
