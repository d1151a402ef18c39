"""The export contract: one object per inbound message (documented in README)."""
from __future__ import annotations

import io
import json
from datetime import timezone

from sqlmodel import Session, select

from mailbot.decision import decision_record
from mailbot.kinds import ACK_PURPOSES, OutboxStatus
from mailbot.register_csv import COLUMNS as CSV_COLUMNS  # noqa: F401 (one list of columns, kept for importers)
from mailbot.register_csv import record_row, write_rows
from mailbot.store.models import Attachment, Message, Outbox



def message_record(message: Message, attachments: list[Attachment], ack: Outbox | None) -> dict:
    """One message as the export contract describes it."""
    return {
        "id": message.id,
        "message_id": message.message_id,
        "received_at": message.received_at.astimezone(timezone.utc).isoformat(),
        "from_address": message.from_address,
        "from_name": message.from_name,
        "subject": message.subject,
        "kind": message.kind,
        "states": list(message.states or []),
        "late": bool(message.late),
        "duplicate_of": message.duplicate_of,
        "needs_review": bool(message.needs_review),
        "review_reasons": list(message.review_reasons or []),
        "reference": message.reference,
        "category": message.category,
        "language": message.language,
        "status": message.status,
        "bounce": message.bounce,
        "attachments": [{
            "filename": att.filename, "content_type": att.content_type, "size": att.size,
            "sha256": att.sha256, "status": att.status, "text_chars": att.text_chars,
        } for att in attachments if not att.is_inline],
        "ack": _ack_summary(message, ack),
        "decision": decision_record(message),
    }


def _ack_summary(message: Message, ack: Outbox | None) -> dict:
    if ack is None:
        return {"status": OutboxStatus.SUPPRESSED.value, "sent_at": None,
                "reason": message.ack_suppressed_reason or f"no acknowledgement for kind {message.kind}"}
    # The export's vocabulary: a message being handed over is still pending; a bounced one failed.
    status = {OutboxStatus.SENDING: OutboxStatus.PENDING, OutboxStatus.BOUNCED: OutboxStatus.FAILED}.get(ack.status, ack.status)
    status = str(status)
    return {"status": status, "sent_at": ack.sent_at.astimezone(timezone.utc).isoformat() if ack.sent_at else None,
            "reason": ack.last_error}


# Only the columns the export reads: rows come back as named tuples, which message_record reads
# like models. Loading whole models (bodies, trails, outbox MIME bytes) made a 100,000-message
# export several times slower. A field added to message_record needs its column here.
MESSAGE_COLUMNS = ("id", "message_id", "received_at", "from_address", "from_name", "subject", "kind", "states",
                   "late", "duplicate_of", "needs_review", "review_reasons", "reference", "category",
                   "language", "status", "ack_suppressed_reason", "manual_states", "manual_by", "manual_at",
                   "manual_note", "manual_states_before", "manual_kind", "manual_kind_before", "bounce")
ATTACHMENT_COLUMNS = ("message_pk", "filename", "content_type", "size", "sha256", "status", "text_chars",
                      "is_inline")
ACK_COLUMNS = ("message_pk", "purpose", "status", "sent_at", "last_error")


def _columns(model, names: tuple[str, ...]) -> list:
    return [model.__table__.columns[name] for name in names]


def iter_records(session: Session, batch: int = 2000):
    """All messages in id order, with attachments and ack, fetched in batches (bounded memory)."""
    message_columns = _columns(Message, MESSAGE_COLUMNS)
    attachment_columns = _columns(Attachment, ATTACHMENT_COLUMNS)
    ack_columns = _columns(Outbox, ACK_COLUMNS)
    last_id = 0
    while True:
        messages = session.execute(select(*message_columns).where(Message.id > last_id)
                                   .order_by(Message.id).limit(batch)).all()
        if not messages:
            return
        ids = [message.id for message in messages]
        attachments: dict[int, list] = {}
        for att in session.execute(select(*attachment_columns).where(Attachment.message_pk.in_(ids))
                                   .order_by(Attachment.message_pk, Attachment.position)).all():
            attachments.setdefault(att.message_pk, []).append(att)
        # Purpose filtered here, not in SQL: SQLite would pick the purpose index and scan every ack.
        acks = {row.message_pk: row for row in session.execute(
            select(*ack_columns).where(Outbox.message_pk.in_(ids))).all() if row.purpose in ACK_PURPOSES}
        for message in messages:
            yield message_record(message, attachments.get(message.id, []), acks.get(message.id))
        last_id = ids[-1]


def write_json(records, out) -> None:
    out.write("[")
    for index, record in enumerate(records):
        out.write(",\n" if index else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n]\n")


def write_csv(records, out) -> None:
    """Records through the one CSV writer (mailbot.register_csv)."""
    write_rows((record_row(record) for record in records), out)


def csv_text(session: Session) -> str:
    buffer = io.StringIO()
    write_csv(iter_records(session), buffer)
    return buffer.getvalue()
