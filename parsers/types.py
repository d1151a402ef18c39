"""Frozen value types shared by the message parser, the extractors and the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Extraction statuses, in the words the register and the digest use.
EXTRACT_STATUSES = (
    "ok", "empty", "image_only", "encrypted", "corrupt", "unsupported", "too_large", "timeout",
)


@dataclass(frozen=True)
class Address:
    """One mailbox: the display name as decoded and the bare address (lower-cased domain)."""

    name: str
    address: str

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2].lower()


@dataclass(frozen=True)
class Attachment:
    """One attached part, with its bytes; `filename` is only data, never a path."""

    filename: str | None          # as sent (decoded), possibly hostile
    safe_name: str                # generated, filesystem-safe, unique within the message
    declared_type: str            # Content-Type the sender claimed
    sniffed_type: str             # type from the bytes (parsers.sniff)
    size: int
    sha256: str
    disposition: str              # "attachment" | "inline" | ""
    content_id: str | None
    is_inline_image: bool         # signature logos etc.: not a contribution's document
    data: bytes = field(repr=False, compare=False)


@dataclass(frozen=True)
class ParsedMessage:
    """Everything the later stages need from one RFC 5322 message."""

    message_id: str | None
    from_addresses: tuple[Address, ...]   # strictly parsed; empty when unparseable
    from_header: str                       # raw decoded From, for display and review
    reply_to: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    subject: str
    date: datetime | None                  # sender's claim; never used for deadlines
    in_reply_to: str | None
    references: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]   # every header, in order, decoded, names as sent
    content_type: str
    body_text: str
    body_html: str
    attachments: tuple[Attachment, ...]
    forwarded: tuple["ParsedMessage", ...]  # message/rfc822 parts, parsed recursively
    defects: tuple[str, ...]                # readable notes on what was malformed
    raw: bytes = field(default=b"", repr=False, compare=False)   # the bytes parsed (top level only)

    @property
    def sender(self) -> Address | None:
        """The single trusted From mailbox, or None when From is absent, multiple or malformed."""
        return self.from_addresses[0] if len(self.from_addresses) == 1 else None

    def header_values(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    def header(self, name: str) -> str | None:
        values = self.header_values(name)
        return values[0] if values else None


@dataclass(frozen=True)
class ExtractResult:
    """The text of one document, or the reason there is none."""

    status: str                 # one of EXTRACT_STATUSES
    reason: str                 # a sentence a Secretariat officer understands ("" when ok)
    text: str = ""
    first_page_text: str = ""
    pages: int | None = None
    language: str | None = None  # ISO 639-1 (en, fr, es, ru, ar, zh) or None
    ocr: bool = False
    metadata: dict = field(default_factory=dict)   # title, author, company, ...
    parts: tuple["ExtractResult", ...] = ()        # members of zip / TNEF / .msg containers
    # What the caller's reader-side step made of the text where it was read (mailbot: its authorship
    # findings), carried back with it; in memory only, never stored, not part of equality.
    analysis: Any = field(default=None, compare=False, repr=False)
