"""Parse one RFC 5322 message's bytes into a frozen ParsedMessage, with bounded work and readable defects.

Who does what:
- parsers.mime_bounds cuts the bytes at the depth, part-count and header-size limits first, because
  Python's email parser has no limits of its own.
- Python's `email` package (compat32 policy, which keeps raw 8-bit bytes recoverable) builds the MIME
  tree, undoes quoted-printable and collapses RFC 2231 parameters; its defect objects become sentences.
  Base64 and x-uuencode are decoded by parsers.parts, leniently, with a defect for each flaw.
- mail-parser (`mailparser.utils`) parses address headers strictly with diagnostics (`get_addresses`:
  ambiguous mailboxes such as `a@b(<c@d>` are reported, not guessed) and converts the Date header.
  Its MailParser object is not used for the tree: it merges every text part (forwarded ones too) into one
  body, names unnamed parts at random and has no depth or part limits.
- parsers.headers decodes RFC 2047 words and raw 8-bit headers (UTF-8, else charset-normalizer),
  never raising on unknown charsets, and neutralises line breaks (header injection).
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import datetime, timezone
from email.message import Message
from email.feedparser import BytesFeedParser
from email.policy import compat32
from email.utils import parsedate_to_datetime

from mailparser.utils import convert_mail_date

from parsers.errors import ParseError
from parsers.addresses import parse_addresses
from parsers.headers import FOLDING, decode_header_value, guess_text, header_bytes, raw_values
from parsers.html_text import html_to_text
from parsers.mime_bounds import bound_message
from parsers.parts import WalkLimits, walk
from parsers.safe_names import safe_name
from parsers.sniff import OLE_MAGIC, sniff_type
from parsers.types import Address, Attachment, ParsedMessage

MESSAGE_ID = re.compile(r"<([^<>\s]{1,500})>")
MAX_REFERENCES = 100
MAX_HEADER_LINES = 10_000
TNEF_MAGIC = b"\x78\x9f\x3e\x22"
FEED_CHUNK = 64 * 1024
HEADER_END = re.compile(rb"\r?\n\r?\n")
OBSOLETE_FIELD = re.compile(rb"^([\x21-\x39\x3b-\x7e]{1,76})[ \t]+:", re.MULTILINE)
OBSOLETE_PART_FIELD = re.compile(rb"^((?i:content-[a-z-]{1,40}|mime-version))[ \t]+:", re.MULTILINE)


def parse_message(raw: bytes, *, max_depth: int = 20, max_parts: int = 1000,
                  max_header_bytes: int = 1_000_000) -> ParsedMessage:
    """Parse a message; raises ParseError only when nothing usable can be read at all."""
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise ParseError(f"a message must be bytes, not {type(raw).__name__}")
    raw = bytes(raw)
    if not raw.strip():
        raise ParseError("the message is empty")
    if raw.startswith((OLE_MAGIC, TNEF_MAGIC)):
        return _container_only(raw)
    try:
        return _parse(raw, max_depth, max_parts, max_header_bytes)
    except ParseError:
        raise
    except (RecursionError, MemoryError, ValueError, TypeError, LookupError, UnicodeError,
            AttributeError, IndexError, KeyError, AssertionError) as err:
        # Last guard at the stage boundary: the raw bytes are stored, the register says why.
        raise ParseError(f"the parser failed unexpectedly ({type(err).__name__}: {err})") from err


def _parse(raw: bytes, max_depth: int, max_parts: int, max_header_bytes: int) -> ParsedMessage:
    raw, notes = _normalise_text_encoding(raw)
    raw, obsolete = _obsolete_header_syntax(raw)
    notes += obsolete
    bounded, limit_defects = bound_message(raw, max_depth=max_depth, max_parts=max_parts,
                                           max_header_bytes=max_header_bytes)
    message = _email_tree(bounded)
    limits = WalkLimits(max_depth=max_depth, max_parts=max_parts)
    parsed = _parse_entity(message, limits, 1, notes + limit_defects)
    if not (parsed.headers or parsed.body_text.strip() or parsed.attachments or parsed.forwarded):
        raise ParseError("nothing could be read: no headers, no body and no attachments")
    # Kept for readers that need the email package's own tree (flufl.bounce's detectors): no copy.
    return dataclasses.replace(parsed, raw=raw)


def _email_tree(raw: bytes) -> Message:
    """The email package's tree, fed a chunk at a time: BytesParser.parsebytes first decodes the whole
    message to one str and peaks near 8x its size (260 MB for a 25 MB attachment); this stays near 3x.
    Same result: the bytes are decoded the same way (ASCII, 8-bit bytes as surrogate escapes)."""
    feeder = BytesFeedParser(policy=compat32)
    view = memoryview(raw)
    for start in range(0, len(raw), FEED_CHUNK):
        feeder.feed(bytes(view[start:start + FEED_CHUNK]))
    return feeder.close()


def _parse_entity(message: Message, limits: WalkLimits, depth: int, notes: list[str] | None = None) -> ParsedMessage:
    """One message (top level or forwarded): headers decoded, addresses strict, parts walked."""
    defects: list[str] = list(notes or [])
    headers = _decoded_headers(message, defects)
    found = walk(message, limits, depth, _parse_entity)
    defects.extend(found.defects)
    from_values = raw_values(message, "From")
    from_addresses = _from_addresses(from_values, defects)
    body_html = "\n".join(found.html)
    body_text = "\n".join(found.plain or found.enriched) if (found.plain or found.enriched) \
        else html_to_text(body_html)
    if found.reports:       # a delivery report's fields are text people read (and search)
        body_text = "\n\n".join(filter(None, [body_text, *found.reports]))
    return ParsedMessage(
        message_id=_first_id(_first(message, "Message-ID")),
        from_addresses=from_addresses,
        from_header=", ".join(decode_header_value(str(value), "From")[0] for value in from_values),
        reply_to=_address_header(message, "Reply-To", defects),
        to=_address_header(message, "To", defects),
        cc=_address_header(message, "Cc", defects),
        subject=_subject(message, defects),
        date=_date(_first(message, "Date"), defects),
        in_reply_to=_first_id(_first(message, "In-Reply-To")),
        references=_all_ids(_first(message, "References")),
        headers=headers,
        content_type=message.get_content_type(),
        body_text=body_text,
        body_html=body_html,
        attachments=tuple(found.attachments),
        forwarded=tuple(found.forwarded),
        defects=tuple(dict.fromkeys(defects)),
    )


def _decoded_headers(message: Message, defects: list[str]) -> tuple[tuple[str, str], ...]:
    items = message.raw_items()
    decoded = []
    for count, (name, value) in enumerate(items):
        if count >= MAX_HEADER_LINES:
            defects.append(f"more than {MAX_HEADER_LINES} header lines: the rest were not kept")
            break
        clean_name = re.sub(r"[^\x21-\x7e]", "", str(name))
        text, problems = decode_header_value(str(value), clean_name)
        defects.extend(problems)
        decoded.append((clean_name, text))
    return tuple(decoded)


def _raw_value(value: object) -> str:
    """A header value unfolded and its 8-bit bytes decoded, RFC 2047 words left for the address parser."""
    data = header_bytes(FOLDING.sub("", str(value)))
    return guess_text(data)[0] if not data.isascii() else data.decode("ascii")


def _from_addresses(values: list, defects: list[str]) -> tuple[Address, ...]:
    if len(values) > 1:
        defects.append(f"{len(values)} From headers: no sender is trusted")
        return ()
    if not values:
        defects.append("no From header")
        return ()
    addresses, problems = parse_addresses(_raw_value(values[0]), "From")
    defects.extend(problems)
    if len(addresses) > 1:
        defects.append(f"From names {len(addresses)} mailboxes: no single sender is trusted")
    return addresses


def _address_header(message: Message, name: str, defects: list[str]) -> tuple[Address, ...]:
    values = raw_values(message, name)
    if not values:
        return ()
    addresses, problems = parse_addresses(", ".join(_raw_value(value) for value in values), name)
    defects.extend(problems)
    return addresses


def _subject(message: Message, defects: list[str]) -> str:
    values = raw_values(message, "Subject")
    if len(values) > 1:
        defects.append(f"{len(values)} Subject headers: the first was used")
    return decode_header_value(str(values[0]), "Subject")[0] if values else ""


def _first(message: Message, name: str) -> str | None:
    values = raw_values(message, name)
    return values[0] if values else None


def _date(value: object, defects: list[str]) -> datetime | None:
    if value is None:
        return None
    text = decode_header_value(str(value), "Date")[0]
    try:
        return convert_mail_date(text)[0]
    except (ValueError, TypeError, OverflowError):
        pass
    try:
        parsed = parsedate_to_datetime(text)
    except (ValueError, TypeError, OverflowError, IndexError):
        defects.append(f"the Date header could not be read: {text[:80]!r}")
        return None
    if parsed.tzinfo is None:
        defects.append("the Date header has no time zone; UTC was assumed")
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _first_id(value: object) -> str | None:
    if value is None:
        return None
    text = decode_header_value(str(value), "Message-ID")[0]
    match = MESSAGE_ID.search(text)
    if match:
        return f"<{match.group(1)}>"
    bare = text.strip()
    return f"<{bare}>" if bare and " " not in bare and len(bare) <= 500 else None


def _all_ids(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    text = decode_header_value(str(value), "References")[0]
    return tuple(f"<{found}>" for found in MESSAGE_ID.findall(text)[-MAX_REFERENCES:])


def _obsolete_header_syntax(raw: bytes) -> tuple[bytes, list[str]]:
    """`From  : x` (white space before the colon) is obsolete syntax that RFC 5322 section 4.5 tells
    receivers to accept; the email package would end the header block there. The top header block is
    rewritten, and MIME part headers (Content-*, MIME-Version) wherever they are."""
    end = HEADER_END.search(raw)
    head, rest = (raw[:end.start()], raw[end.start():]) if end else (raw, b"")
    head, in_head = OBSOLETE_FIELD.subn(rb"\1:", head)
    rest, in_parts = (OBSOLETE_PART_FIELD.subn(rb"\1:", rest) if b"ontent-" in rest or b"IME-" in rest
                      else (rest, 0))
    if not in_head + in_parts:
        return raw, []
    return head + rest, [f"{in_head + in_parts} header field(s) in the obsolete syntax (white space before the "
                         f"colon); read as RFC 5322 section 4.5 asks"]


def _normalise_text_encoding(raw: bytes) -> tuple[bytes, list[str]]:
    """A whole message saved as UTF-16 is turned back into bytes the parser can read."""
    head = raw[:200]
    is_utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(head) >= 40 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0)
    if not is_utf16:
        return raw, []
    codec = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16-le"
    text = raw.decode(codec, "replace")
    return text.encode("utf-8"), ["the whole message file was encoded as UTF-16; it was decoded first"]


def _container_only(raw: bytes) -> ParsedMessage:
    """An Outlook .msg or TNEF file is not RFC 822: keep it as one attachment for the extractor."""
    sniffed = sniff_type(raw, "application/octet-stream")
    kind = "an Outlook .msg (OLE) file" if raw.startswith(OLE_MAGIC) else "a TNEF (winmail.dat) stream"
    digest = hashlib.sha256(raw).hexdigest()
    attachment = Attachment(
        filename=None, safe_name=safe_name(1, digest, None, sniffed, sniffed), declared_type=sniffed,
        sniffed_type=sniffed, size=len(raw), sha256=digest, disposition="attachment", content_id=None,
        is_inline_image=False, data=raw)
    return ParsedMessage(
        message_id=None, from_addresses=(), from_header="", reply_to=(), to=(), cc=(), subject="",
        date=None, in_reply_to=None, references=(), headers=(), content_type=sniffed, body_text="",
        body_html="", attachments=(attachment,), forwarded=(),
        defects=(f"not an RFC 822 message: the bytes are {kind}; kept whole as an attachment",))
