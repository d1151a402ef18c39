"""The Secretariat's daily digest: one per local day, with the register attached as CSV."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import String, type_coerce
from sqlmodel import Session, select

from mailbot.config import DEFAULT_TEMPLATES_DIR, Settings
from mailbot.consultation import Consultation, lateness
from mailbot.correspondence.ack import consultation_values
from mailbot.correspondence.digest_facts import digest_facts
from mailbot.correspondence.register_view import (
    document_names,
    json_list,
    states_from_json,
    existing_keys,
    utc_moment,
)
from mailbot.correspondence.render import Rendered, render
from mailbot.outbox.compose import OutAttachment
from mailbot.outbox.mail import OutgoingMail, Purpose
from mailbot.store.models import Message

ZIP_ABOVE_BYTES = 2_000_000
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


def digest_due(session: Session, consultation: Consultation, now: datetime) -> bool:
    """The consultation is active today and today's digest is not queued yet."""
    today = consultation.today(now)
    return consultation.active_on(today) and not existing_keys(session, digest_key(consultation, now))


def register_csv(session: Session, consultation: Consultation, now: datetime) -> bytes:
    """Every message registered by `now`, one row each (UTF-8 with BOM so Excel reads the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    names = document_names(session)
    late_check = lateness(consultation)
    columns = (
        Message.id,
        Message.reference,
        Message.received_at,
        Message.kind,
        Message.from_address,
        type_coerce(Message.states, String).label("states"),
        type_coerce(Message.manual_states, String).label("manual_states"),
        Message.subject,
        Message.language,
        Message.late,
        Message.needs_review,
        type_coerce(Message.review_reasons, String).label("review_reasons"),
        Message.status,
    )
    query = select(*columns).where(Message.processed_at <= utc_moment(now)).order_by(Message.received_at)
    for row in session.exec(query):
        states = states_from_json(row.states, row.manual_states)
        contribution = row.kind == "contribution"
        late = row.late or (contribution and late_check(row.received_at))
        writer.writerow(
            (  # _cell on the free text a sender controls
                (row.reference or f"{consultation.receipt_prefix}{row.id:04d}") if contribution else "",
                consultation.local(row.received_at).strftime("%Y-%m-%d %H:%M"),
                row.kind,
                _cell(row.from_address or ""),
                " ".join(states),
                _cell(row.subject),
                _cell("; ".join(names.get(row.id, []))),
                row.language or "",
                "yes" if late else "no",
                "yes" if row.needs_review else "no",
                _cell("; ".join(map(str, json_list(row.review_reasons)))),
                row.status,
            )
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def register_attachment(consultation: Consultation, now: datetime, data: bytes) -> OutAttachment:
    """The CSV, zipped when large: mail servers commonly refuse messages over 10-25 MB."""
    name = f"register-{consultation.id}-{consultation.today(now).isoformat()}.csv"
    if len(data) <= ZIP_ABOVE_BYTES:
        return OutAttachment(name, "text/csv", data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return OutAttachment(name + ".zip", "application/zip", buffer.getvalue())


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
) -> list[OutgoingMail]:
    """Today's digest unless it exists already (the unique key also guards a concurrent rerun), while the
    consultation is active (opens..ends)."""
    if not digest_due(session, consultation, now):
        return []
    key = digest_key(consultation, now)
    rendered = render_digest(session, consultation, now, templates_dir=templates_dir)
    attachment = register_attachment(consultation, now, register_csv(session, consultation, now))
    return [
        OutgoingMail(
            purpose=Purpose.DIGEST,
            key=key,
            recipients=tuple(consultation.digest.recipients),
            language=consultation.digest.language,
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            attachments=(attachment,),
        )
    ]
