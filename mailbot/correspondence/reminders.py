"""Deadline reminders: to the focal points of each Member State with no contribution yet, once per offset."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from mailbot.config import DEFAULT_TEMPLATES_DIR, Settings
from mailbot.consultation import Consultation
from mailbot.correspondence.ack import consultation_values
from mailbot.correspondence.register_view import bounced_addresses, contributed_states, existing_keys
from mailbot.correspondence.render import render
from mailbot.correspondence.states import state_name
from mailbot.kinds import OutboxStatus, Purpose
from mailbot.outbox.mail import OutgoingMail
from mailbot.reference import ReferenceData
from mailbot.store.models import Outbox


def reminder_key(state: str, offset: int) -> str:
    return f"reminder:{state}:{offset}"


def due_offset(consultation: Consultation, now: datetime) -> int | None:
    """The offset whose reminder day is the latest one reached, while the call is still open.
    A missed run catches up with that one only: a state never gets two reminders in one go."""
    if now >= consultation.deadline_at:
        return None
    today = consultation.today(now)
    if not consultation.active_on(today):
        return None
    reached = [days for days, day in consultation.reminder_dates().items() if day <= today]
    return min(reached) if reached else None


def plan_reminders(
    session: Session,
    consultation: Consultation,
    now: datetime,
    *,
    settings: Settings,
    reference: ReferenceData,
    templates_dir: Path = DEFAULT_TEMPLATES_DIR,
) -> list[OutgoingMail]:
    """Today's reminders (none when none is due); the caller enqueues them."""
    offset = due_offset(consultation, now)
    if offset is None:
        return []
    contributed = contributed_states(session, now)
    bounced = bounced_addresses(session)
    done = existing_keys(session, "reminder:")
    days_left = (consultation.deadline_date - consultation.today(now)).days
    rows = []
    for state, known in sorted(reference.focal_addresses.items()):
        key = reminder_key(state, offset)
        language = reference.usual_languages[state]
        addresses = [address for address in known if address not in bounced]
        if state in contributed or key in done or not addresses:
            continue
        values = {
            **consultation_values(consultation, language),
            "state_name": state_name(state, language),
            "days_left": days_left,
            "offset": offset,
        }
        rendered = render("states", "reminder", language, values, templates_dir=templates_dir)
        rows.append(
            OutgoingMail(
                purpose=Purpose.REMINDER,
                key=key,
                recipients=tuple(addresses),
                language=language,
                subject=rendered.subject,
                text=rendered.text,
                html=rendered.html,
            )
        )
    return rows


def suppress_stale_reminders(session: Session, now: datetime) -> list[str]:
    """Pending reminders to states that contributed since they were planned: mark them `suppressed`
    (the delivery job should call this before sending). Returns the keys suppressed."""
    contributed = contributed_states(session, now)
    stale = []
    for row in session.exec(select(Outbox).where(Outbox.purpose == "reminder", Outbox.status == OutboxStatus.PENDING)):
        state = row.key.split(":")[1]
        if state in contributed:
            row.status = OutboxStatus.SUPPRESSED
            row.last_error = f"{state} contributed before the reminder was sent"
            session.add(row)
            stale.append(row.key)
    return stale
