"""The Secretariat's daily digest: one per local day, with the register attached as CSV."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from mailbot.config import DEFAULT_TEMPLATES_DIR, Settings
from mailbot.consultation import Consultation
from mailbot.correspondence.ack import consultation_values
from mailbot.correspondence.digest_facts import digest_facts
from mailbot.correspondence.register_view import (
    existing_keys,
)
from mailbot.correspondence.render import Rendered, render
from mailbot.outbox.compose import OutAttachment
from mailbot.kinds import Purpose
from mailbot.outbox.mail import OutgoingMail

ZIP_ABOVE_BYTES = 2_000_000


def digest_key(consultation: Consultation, now: datetime) -> str:
    return f"digest:{consultation.today(now).isoformat()}"


def digest_due(session: Session, consultation: Consultation, now: datetime) -> bool:
    """The consultation is active today and today's digest is not queued yet."""
    today = consultation.today(now)
    return consultation.active_on(today) and not existing_keys(session, digest_key(consultation, now))


def register_csv(session: Session, consultation: Consultation, now: datetime) -> bytes:
    """Every message registered by `now`: the same columns and writer as `mailbot export --format csv`."""
    # lazy: CLI start-up time (every command loads this module; the CSV loads the register)
    from mailbot.export_sql import register_csv_bytes

    return register_csv_bytes(session, until=now)


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
