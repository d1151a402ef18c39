"""The parts of a message the collectors read: new body text, signature, documents."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from mailbot.attribution import phrases
from mailbot.attribution.document_findings import DocumentFindings, first_page, readable
from mailbot.attribution.text import fold
from parsers.types import Address, ExtractResult, ParsedMessage

_WROTE_RE = re.compile(r"(wrote|a écrit|escribió|написал[а]?|كتب|写道)\s*:?\s*$", re.I)
_SIGNATURE_LINES = 12


@dataclass(frozen=True)
class Document:
    filename: str
    first_page: str            # title block lives here
    text: str
    ocr: bool = False          # the text was read from a scan by OCR
    findings: DocumentFindings | None = None   # found where it was read (checked against the tables in use)


@dataclass(frozen=True)
class MessageView:
    sender: Address | None
    reply_to: tuple[Address, ...]
    subject: str
    body: str                  # the author's own text, without quoted or forwarded parts
    signature: str             # the lines after the closing ("Best regards", "-- ")
    quoted: str                # what was cut from the body (quoted reply or inline forward)
    documents: tuple[Document, ...]
    sent_at: datetime | None = None   # a forwarded message's own date (its header block)


def _fold_line(line: str) -> str:
    return " ".join(fold(line).split())


_CLOSINGS = tuple(_fold_line(closing) for closing in phrases.CLOSINGS)
_QUOTE_MARKERS = tuple(_fold_line(marker) for marker in phrases.QUOTE_MARKERS)
_QUOTE_HEADERS = tuple(header.casefold() for header in phrases.QUOTE_HEADERS)


def split_body(body: str) -> tuple[str, str]:
    """(new text, quoted or forwarded text) at the first quote marker."""
    lines = body.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        folded = _fold_line(stripped)
        if stripped.startswith(">") or _WROTE_RE.search(stripped) or \
                folded.startswith(_QUOTE_MARKERS) or \
                (folded.startswith(_QUOTE_HEADERS) and index + 1 < len(lines) and
                 ":" in lines[index + 1] and index > 0):
            return "\n".join(lines[:index]), "\n".join(lines[index:])
    return body, ""


def split_signature(text: str) -> tuple[str, str]:
    """(text above the closing, signature block), the block at most a dozen lines."""
    lines = text.splitlines()
    for index in range(len(lines) - 1, -1, -1):
        stripped = lines[index].strip()
        folded = _fold_line(stripped).rstrip(",.!")
        # startswith(tuple) first: a line that starts with no closing at all (most lines) is ruled out in C.
        if stripped == "--" or lines[index] == "-- " or folded.startswith(_CLOSINGS) and any(
                folded == closing or (folded.startswith(closing) and len(folded) <= len(closing) + 12)
                for closing in _CLOSINGS):
            return "\n".join(lines[:index]), "\n".join(lines[index + 1:index + 1 + _SIGNATURE_LINES])
    return text, ""


def documents_of(parsed: ParsedMessage, extracts: dict[str, ExtractResult]) -> tuple[Document, ...]:
    docs = []
    for attachment in parsed.attachments:
        if attachment.is_inline_image:
            continue
        result = extracts.get(attachment.sha256)
        for part in _flatten(result) if result is not None else ():
            if readable(part):
                docs.append(Document(attachment.filename or attachment.safe_name, first_page(part), part.text,
                                     part.ocr, part.analysis if isinstance(part.analysis, DocumentFindings) else None))
    return tuple(docs)


def _flatten(result: ExtractResult):
    yield result
    for part in result.parts:
        yield from _flatten(part)


def view_of(parsed: ParsedMessage, extracts: dict[str, ExtractResult]) -> MessageView:
    body = parsed.body_text or ""
    new_text, quoted = split_body(body)
    above, signature = split_signature(new_text)
    return MessageView(parsed.sender, parsed.reply_to, parsed.subject or "", above, signature, quoted,
                       documents_of(parsed, extracts))
