"""Compose outgoing MIME messages: safe headers, loop protection, text + HTML alternative, attachments.

The bytes are written by a small builder of our own rather than by `EmailMessage` (whose header
registry, generator and read-back parse cost about 4 ms per acknowledgement). What it writes is
deliberately narrow, so it can be checked by reading it: every header value goes through
`sanitize` first; a value with non-ASCII text (or an over-long word) is written wholly as RFC 2047
encoded words, `utf-8` B encoding, cut on character boundaries; lines are folded at 78 characters and always end in CRLF;
the text and HTML bodies are UTF-8 quoted-printable (`binascii.b2a_qp`), attachments base64, file
names quoted or RFC 2231 encoded. MIME boundaries derive from the Message-ID, so the same inputs
always give the same bytes. `_verify` then reads the header block back before anything is queued.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address as HeaderAddress
from email.parser import BytesHeaderParser
from email.utils import format_datetime, getaddresses, quote
from typing import Iterable, Literal, Sequence
from urllib.parse import quote as percent_quote

from mailbot.config import Settings
from mailbot.outbox import sanitize
from mailbot.outbox.sanitize import filename_text, header_text, is_addr_spec
from mailbot.errors import PermanentDeliveryError

AutoSubmitted = Literal["auto-replied", "auto-generated"]

_FOLD_AT = 78  # RFC 5322's "should"; no line ever comes near the 998-octet "must"
_LONGEST_LINE = 998
_PLAIN_WORD = 60  # an ASCII word up to this long is written as it is, a longer one encoded (so it folds)
_WORD_BYTES = 45  # UTF-8 bytes per encoded word: "=?utf-8?b?" + 60 + "?=", RFC 2047's 75 characters
_SPECIALS = re.compile(r'[][\\()<>@,:;".]')  # a display name holding one of these is quoted
_FIELD_NAME = re.compile(r"[!-9;-~]+")  # printable ASCII but the colon (RFC 5322 ftext)
_TOKEN = re.compile(r"[A-Za-z0-9!#$&^_.+-]+")  # a MIME type or subtype


@dataclass(frozen=True)
class OutAttachment:
    filename: str
    content_type: str  # "text/csv"
    data: bytes


def recipient(item: object) -> HeaderAddress:
    """An Address-like (has .address and .name), a (name, address) pair or a bare address string."""
    if isinstance(item, str):
        name, address = "", item
    elif isinstance(item, tuple) and len(item) == 2:
        name, address = item
    else:
        name, address = getattr(item, "name", "") or "", getattr(item, "address", "")
    address = (address or "").strip()
    if not is_addr_spec(address):
        raise PermanentDeliveryError(
            f"refusing to address mail to {header_text(address, 80)!r}: not a plain e-mail address"
        )
    username, _, domain = address.rpartition("@")
    return HeaderAddress(display_name=header_text(name, 80), username=username, domain=domain)


def _unique(addresses: Iterable[HeaderAddress]) -> list[HeaderAddress]:
    seen: set[str] = set()
    result = []
    for address in addresses:
        if address.addr_spec.lower() not in seen:
            seen.add(address.addr_spec.lower())
            result.append(address)
    return result


def _references(in_reply_to: str | None, references: Sequence[str]) -> tuple[str | None, list[str]]:
    parent = sanitize.message_id(in_reply_to)
    chain = [mid for mid in (sanitize.message_id(ref) for ref in references) if mid][-10:]
    if parent and parent not in chain:
        chain.append(parent)
    return parent, chain


def compose_mail(
    *,
    settings: Settings,
    to: list,
    subject: str,
    text: str,
    html: str | None,
    auto_submitted: AutoSubmitted,
    in_reply_to: str | None,
    references: list[str],
    message_id: str,
    attachments: Sequence[OutAttachment | tuple] = (),
    date: datetime | None = None,
    language: str | None = None,
    original: bytes | None = None,
    original_name: str = "original.eml",
) -> bytes:
    """The message's bytes (CRLF line ends). Every header value is sanitized here, whatever its origin."""
    if auto_submitted not in ("auto-replied", "auto-generated"):
        raise ValueError(f"auto_submitted must be auto-replied or auto-generated, not {auto_submitted!r}")
    own_id = _own_message_id(message_id)
    recipients = _unique(recipient(item) for item in to)
    if not recipients:
        raise PermanentDeliveryError("no recipient")
    loop_header = _field_name(header_text(settings.mail.loop_header, 60))
    parent, chain = _references(in_reply_to, references)

    sender = recipient((settings.mail.from_name, settings.mail.from_address))
    headers = [
        _fold("From", _mailbox(sender, _room("From"))),
        _fold("To", _mailboxes(recipients, _room("To"))),
        _fold("Subject", _unstructured(header_text(subject, limit=250) or "(no subject)", _room("Subject"))),
        "Date: " + format_datetime((date or datetime.now(timezone.utc)).astimezone(timezone.utc)),
        "Message-ID: " + own_id,
    ]
    if parent:
        headers.append("In-Reply-To: " + parent)
    if chain:
        headers.append(_fold("References", chain))
    headers += [
        "Auto-Submitted: " + auto_submitted,
        "X-Auto-Response-Suppress: All",
        _fold(loop_header, _unstructured(header_text(settings.mail.domain, 200), _room(loop_header))),
        "MIME-Version: 1.0",
    ]
    if language:
        headers.insert(-1, "Content-Language: " + _language_tag(language))

    body = _text_part("plain", text)
    if html is not None:
        body = _multipart("alternative", [body, _text_part("html", html)], own_id)
    files = [item if isinstance(item, OutAttachment) else OutAttachment(*item) for item in attachments]
    parts = [_attachment_part(item) for item in files]
    if original is not None:
        parts.append(_original_part(original, original_name))
    if parts:
        body = _multipart("mixed", [body, *parts], own_id)
    raw = "\r\n".join(headers).encode("ascii") + b"\r\n" + body
    _verify(raw, recipients, loop_header)
    return raw


# ---- headers ------------------------------------------------------------------------------------


def _fold(name: str, tokens: Sequence[str]) -> str:
    """`Name: token token...`, a line break (CRLF + space) before a token wherever the line would pass
    78 characters (right after the name too, as for a long References). Tokens are never cut; the
    longest (an address, a Message-ID, an ASCII display name or file name) stay far below 998."""
    line = name + ":"
    lines = []
    for token in tokens:
        if len(line) + 1 + len(token) > _FOLD_AT:
            lines.append(line)
            line = " " + token
        else:
            line += " " + token
    lines.append(line)
    return "\r\n".join(lines)


def _room(name: str) -> int:
    """UTF-8 bytes the first encoded word can hold on the `Name: ` line within 78 characters."""
    room = (_FOLD_AT - len(name) - 2 - 12) // 4 * 3
    return min(room, _WORD_BYTES) if room >= 12 else _WORD_BYTES  # a long name: the word goes below it


def _encoded_words(text: str, first: int = _WORD_BYTES) -> list[str]:
    """RFC 2047 `=?utf-8?b?...?=` words (`first` bytes in the first one), each of whole characters,
    cut after a space where one falls in the second half of a word. Decoders that follow RFC 2047 drop
    the whitespace between two encoded words; the standard library's address parser keeps it, so a
    display name cut after its own space reads back there with two spaces, never with a word split."""
    data = text.encode("utf-8")
    words = []
    start, budget = 0, first
    while start < len(data):
        end = start + budget
        if end < len(data):
            space = data.rfind(b" ", start + budget // 2, end)
            if space >= 0:
                end = space + 1
            else:
                while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
                    end -= 1
        words.append(
            "=?utf-8?b?" + binascii.b2a_base64(data[start:end], newline=False).decode("ascii") + "?="
        )
        start, budget = end, _WORD_BYTES
    return words


def _unstructured(text: str, first: int = _WORD_BYTES) -> list[str]:
    """Tokens of an unstructured value (one line of sanitized text, single spaces): its words when it is
    ASCII in words short enough to fold, else encoded words for the whole of it. Encoding all of it,
    rather than only the non-ASCII words, reads back the same in every decoder: some (mail-parser's,
    via email.header.decode_header) lose the spaces between an encoded word and a plain one.
    (`sanitize.header_text` has already broken every "=?", so no plain word can pass for an encoded one.)"""
    words = text.split(" ")
    if text.isascii() and all(len(word) <= _PLAIN_WORD for word in words):
        return words
    return _encoded_words(text, first)


def _mailbox(address: HeaderAddress, first: int = _WORD_BYTES) -> list[str]:
    """`name <user@domain>` tokens: the name as atoms, a quoted string (ASCII, however long: at most
    80 characters), or encoded words (non-ASCII)."""
    name, spec = address.display_name, address.addr_spec
    if not name:
        return [spec]
    if not name.isascii():
        phrase = _encoded_words(name, first)
    elif _SPECIALS.search(name):
        phrase = [f'"{quote(name)}"']
    else:
        phrase = name.split(" ")
    return [*phrase, f"<{spec}>"]


def _mailboxes(addresses: Sequence[HeaderAddress], first: int) -> list[str]:
    tokens: list[str] = []
    for address in addresses:
        if tokens:
            tokens[-1] += ","
        tokens += _mailbox(address, first if not tokens else _WORD_BYTES)
    return tokens


def _field_name(name: str) -> str:
    if not _FIELD_NAME.fullmatch(name):
        raise ValueError(f"not a header field name: {name!r}")
    return name


# ---- body ---------------------------------------------------------------------------------------


def _text_part(subtype: str, text: str) -> bytes:
    """UTF-8 quoted-printable; line ends normalized to CRLF and a final one added, as set_content did."""
    data = b"\r\n".join(text.encode("utf-8").splitlines()) + b"\r\n"
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode("ascii") + binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)


def _attachment_part(item: OutAttachment) -> bytes:
    maintype, _, subtype = item.content_type.strip().lower().partition("/")
    maintype, subtype = maintype or "application", subtype or "octet-stream"
    if not (_TOKEN.fullmatch(maintype) and _TOKEN.fullmatch(subtype)):
        raise ValueError(f"not a MIME type: {item.content_type!r}")
    charset = '; charset="utf-8"' if maintype == "text" else ""   # our text attachments are UTF-8
    head = [
        f"Content-Type: {maintype}/{subtype}{charset}",
        "Content-Transfer-Encoding: base64",
        _fold("Content-Disposition", ["attachment;", *_filename_params(filename_text(item.filename))]),
    ]
    data = base64.encodebytes(item.data).replace(b"\n", b"\r\n")  # 76-character lines
    return "\r\n".join(head).encode("ascii") + b"\r\n\r\n" + data


def _original_part(raw: bytes, filename: str) -> bytes:
    """The stored original, its bytes unchanged: `message/rfc822` (7bit) when it is ASCII with CRLF
    line ends and lines of at most 998 octets, so a DKIM signature in it still verifies; otherwise the
    same bytes base64-encoded as a .eml file (a message/rfc822 part may not be base64-encoded, and
    SMTP would rewrite bare LFs and refuse long lines)."""
    lines = raw.split(b"\r\n")
    verbatim = (
        raw.isascii() and raw.endswith(b"\r\n") and b"\r" not in raw.replace(b"\r\n", b"")
        and b"\n" not in raw.replace(b"\r\n", b"") and max(map(len, lines)) <= _LONGEST_LINE
    )
    if not verbatim:
        return _attachment_part(OutAttachment(filename, "application/octet-stream", raw))
    head = [
        "Content-Type: message/rfc822",
        "Content-Transfer-Encoding: 7bit",
        _fold("Content-Disposition", ["attachment;", *_filename_params(filename_text(filename))]),
    ]
    return "\r\n".join(head).encode("ascii") + b"\r\n\r\n" + raw   # the delimiter brings its own CRLF


def _language_tag(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", value):
        raise ValueError(f"not a language tag: {value!r}")
    return value


def _filename_params(name: str) -> list[str]:
    """`filename="..."` for an ASCII name (filename_text leaves no quote or backslash in it), else
    RFC 2231 `filename*=utf-8''...`, continued in sections of whole characters when long."""
    if name.isascii():
        return [f'filename="{name}"']
    sections = [""]
    for char in name:
        encoded = percent_quote(char, safe="")
        if len(sections[-1]) + len(encoded) > 54:
            sections.append("")
        sections[-1] += encoded
    if len(sections) == 1:
        return [f"filename*=utf-8''{sections[0]}"]
    params = [f"filename*{number}*={value};" for number, value in enumerate(sections)]
    params[0] = params[0].replace("*=", "*=utf-8''", 1)
    params[-1] = params[-1][:-1]
    return params


def _multipart(subtype: str, parts: Sequence[bytes], message_id: str) -> bytes:
    """`multipart/<subtype>` with its own Content-Type header; the boundary (from the Message-ID, so the
    bytes are the same each time) cannot occur in QP or base64 text ("==" is neither), and is checked."""
    for attempt in range(100):
        digest = hashlib.sha256(f"{message_id}/{subtype}/{attempt}".encode()).hexdigest()[:24]
        boundary = f"==============={digest}=="
        delimiter = b"--" + boundary.encode("ascii")
        if not any(delimiter in part for part in parts):
            break
    else:  # pragma: no cover - would take a part built to contain a hundred hashes
        raise ValueError("no usable MIME boundary")
    head = _fold("Content-Type", [f"multipart/{subtype};", f'boundary="{boundary}"']).encode("ascii")
    between = b"\r\n" + delimiter + b"\r\n"
    return head + b"\r\n\r\n" + delimiter + b"\r\n" + between.join(parts) + b"\r\n" + delimiter + b"--\r\n"


# ---- read-back ----------------------------------------------------------------------------------

_ALLOWED_HEADERS = {
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "auto-submitted",
    "x-auto-response-suppress",
    "mime-version",
    "content-type",
    "content-transfer-encoding",   # a text-only message is one part, so its encoding is a top header
    "content-language",
}
_HEADER_LINE = re.compile(rb"[!-9;-~]+:|[ \t]")  # a field, or the continuation of one


def _verify(raw: bytes, recipients: list[HeaderAddress], loop_header: str) -> None:
    """Belt and braces: read the bytes back; a header or recipient we did not put there is refused.
    Every line ends in CRLF (no bare CR or LF) and is at most 998 octets; the header block is made
    of fields and their continuations only; a header parser finds only our header names, each once,
    and exactly our recipients in To."""
    head, separator, _ = raw.partition(b"\r\n\r\n")
    lines = raw.split(b"\r\n")
    well_formed = (
        bool(separator)
        and raw.count(b"\r") == len(lines) - 1
        and raw.count(b"\n") == len(lines) - 1
        and max(map(len, lines)) <= _LONGEST_LINE
        and all(_HEADER_LINE.match(line) for line in head.split(b"\r\n"))
    )
    if well_formed:
        parsed = BytesHeaderParser(policy=policy.compat32).parsebytes(head + b"\r\n\r\n")
        names = [name.lower() for name in parsed.keys()]
        allowed = _ALLOWED_HEADERS | {loop_header.lower()}
        got = [address.lower() for _, address in getaddresses(parsed.get_all("To", []))]
        wanted = [address.addr_spec.lower() for address in recipients]
        well_formed = not parsed.defects and not set(names) - allowed and len(names) == len(set(names))
        well_formed = well_formed and got == wanted
    if not well_formed:
        raise PermanentDeliveryError(
            "refusing to send: the composed message has unexpected headers or recipients"
        )


def _own_message_id(value: str) -> str:
    checked = sanitize.message_id(value)
    if checked is None:
        raise ValueError(f"not a valid Message-ID: {header_text(value, 80)!r}")
    return checked
