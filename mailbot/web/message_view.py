"""One message for the Message page: the export record, headers, body, documents with their text,
outgoing mail, duplicates and revisions; and the bytes of its attachments for download."""
from __future__ import annotations

from typing import TYPE_CHECKING

import json
import re
from urllib.parse import quote

from sqlmodel import select

from mailbot.export_sql import records_by_id
from mailbot.store.models import Attachment, Extraction, Message, Outbox
from parsers.message import parse_message

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

TEXT_SHOWN = 200_000        # characters of a document's text on the page (the download has it all)


def message_view(session, pk: int) -> dict | None:
    message = session.get(Message, pk)
    if message is None:
        return None
    attachments = list(session.exec(select(Attachment).where(Attachment.message_pk == pk)
                                    .order_by(Attachment.position)))
    texts = {}
    for att in attachments:
        extraction = session.get(Extraction, att.sha256)
        texts[att.id] = extraction.text if extraction else ""
    outgoing = list(session.exec(select(Outbox.id, Outbox.purpose, Outbox.status, Outbox.recipients,
                                        Outbox.subject, Outbox.created_at, Outbox.sent_at, Outbox.last_error)
                                 .where(Outbox.message_pk == pk).order_by(Outbox.id)))
    return {
        "message": message,
        "record": json.loads(records_by_id(session, [pk])[pk]),
        "attachments": attachments,
        "texts": {key: value[:TEXT_SHOWN] for key, value in texts.items()},
        "cut": {key for key, value in texts.items() if len(value) > TEXT_SHOWN},
        "outgoing": outgoing,
        "copies": _related(session, Message.duplicate_of, message.message_id),
        "original": _by_message_id(session, message.duplicate_of),
        "revisions": _related(session, Message.revision_of, message.message_id),
        "revises": _by_message_id(session, message.revision_of),
    }


def _related(session, column, message_id: str | None) -> list:
    if not message_id:
        return []
    return list(session.exec(select(Message.id, Message.subject, Message.received_at)
                             .where(column == message_id).order_by(Message.id)))


def _by_message_id(session, message_id: str | None):
    if not message_id:
        return None
    return session.exec(select(Message.id, Message.subject, Message.received_at)
                        .where(Message.message_id == message_id).order_by(Message.id).limit(1)).first()


def attachment_bytes(runtime: Runtime, message: Message, att: Attachment) -> bytes | None:
    """The attachment's original bytes, found again in the stored raw message by its sha256."""
    parsed = parse_message(runtime.raw_store.get(message.raw_sha256))
    pending = [parsed]
    while pending:
        current = pending.pop()
        for part in current.attachments:
            if part.sha256 == att.sha256:
                return part.data
        pending.extend(current.forwarded)
    return None


def content_disposition(name: str | None, fallback: str) -> str:
    """`attachment` with an ASCII name and the original as RFC 5987 data (no path, no control
    characters, no quotes: the name is only data)."""
    original = re.sub(r"[\x00-\x1f\x7f]", "", (name or "").replace("\\", "/").split("/")[-1]).strip() or fallback
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", original)[-120:].lstrip(".") or fallback
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(original[-200:], safe='')}"
