"""The Secretariat's daily digest: one per local day, with the register attached as CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from mailbot.config import DEFAULT_TEMPLATES_DIR, Settings
from mailbot.consultation import Consultation, is_late
from mailbot.correspondence.ack import consultation_values
from mailbot.correspondence.compose import OutAttachment
from mailbot.correspondence.digest_facts import digest_facts
from mailbot.correspondence.outbox_rows import outbox_row
from mailbot.correspondence.register_view import (
    documents_of,
    existing_keys,
    message_states,
    utc_moment,
    receipt_number,
)
from mailbot.correspondence.render import Rendered, render
from mailbot.store.models import Message, Outbox

CSV_COLUMNS = (
    "reference",
    "received_at_local",
    "kind",
    "from_address",
    "states",
    "subject",
    "files",
    "language",
    "late",
    "needs_review",
    "review_reasons",
    "status",
)


def digest_key(consultation: Consultation, now: datetime) -> str:
    return f"digest:{consultation.today(now).isoformat()}"


def _cell(value: object) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: a hostile subject must stay text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def register_csv(session: Session, consultation: Consultation, now: datetime) -> bytes:
    """Every message registered by `now`, one row each (UTF-8 with BOM so Excel reads the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    query = select(Message).where(Message.processed_at <= utc_moment(now)).order_by(Message.received_at)
    for message in session.exec(query):
        files = "; ".join(item.filename or item.safe_name for item in documents_of(session, message.id))
        late = message.late or (message.kind == "contribution" and is_late(message.received_at, consultation))
        row = (
            receipt_number(message, consultation) if message.kind == "contribution" else "",
            consultation.local(message.received_at).strftime("%Y-%m-%d %H:%M"),
            message.kind,
            message.from_address or "",
            " ".join(message_states(message)),
            message.subject,
            files,
            message.language or "",
            "yes" if late else "no",
            "yes" if message.needs_review else "no",
            "; ".join(map(str, message.review_reasons or [])),
            message.status,
        )
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_digest(
    session: Session,
    consultation: Consultation,
    now: datetime,
    *,
    templates_dir: Path = DEFAULT_TEMPLATES_DIR,
) -> Rendered:
    lang = consultation.digest.language
    values = {**consultation_values(consultation, lang), **digest_facts(session, consultation, now, lang)}
    return render("secretariat", "digest", lang, values, templates_dir=templates_dir)


def plan_digest(
    session: Session,
    consultation: Consultation,
    now: datetime,
    *,
    settings: Settings,
    templates_dir: Path = DEFAULT_TEMPLATES_DIR,
) -> list[Outbox]:
    """Today's digest unless it exists already (the unique key also guards a concurrent rerun)."""
    key = digest_key(consultation, now)
    if existing_keys(session, key):
        return []
    rendered = render_digest(session, consultation, now, templates_dir=templates_dir)
    day = consultation.today(now).isoformat()
    attachment = OutAttachment(
        f"register-{consultation.id}-{day}.csv", "text/csv", register_csv(session, consultation, now)
    )
    return [
        outbox_row(
            settings=settings,
            key=key,
            purpose="digest",
            recipients=consultation.digest.recipients,
            rendered=rendered,
            auto_submitted="auto-generated",
            now=now,
            language=consultation.digest.language,
            attachments=[attachment],
        )
    ]
