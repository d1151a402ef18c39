"""Milestone notices: to every contributor, once per contributor and milestone."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from mailbot.config import DEFAULT_TEMPLATES_DIR, Settings
from mailbot.consultation import Consultation, Milestone
from mailbot.correspondence.ack import consultation_values, french_spacing
from mailbot.correspondence.register_view import bounced_addresses, contributors, existing_keys
from mailbot.correspondence.render import render
from mailbot.kinds import Purpose
from mailbot.outbox.mail import OutgoingMail
from mailbot.reference import ReferenceData


def milestone_key(name: str, address: str) -> str:
    return f"milestone:{name}:{address}"


def due_milestones(consultation: Consultation, now: datetime) -> list[Milestone]:
    """Milestones whose date has come, within the catch-up window (an old one is never announced)."""
    today = consultation.today(now)
    if not consultation.active_on(today):
        return []
    window = timedelta(days=consultation.milestone_notices.window_days)
    return [
        milestone
        for milestone in consultation.milestones
        if milestone.notify and milestone.date and milestone.date <= today <= milestone.date + window
    ]


def plan_milestone(
    session: Session,
    consultation: Consultation,
    milestone: Milestone,
    now: datetime,
    *,
    settings: Settings,
    reference: ReferenceData,
    templates_dir: Path = DEFAULT_TEMPLATES_DIR,
) -> list[OutgoingMail]:
    """One notice per contributor not yet notified of this milestone (nor bounced)."""
    done = existing_keys(session, f"milestone:{milestone.name}:")
    bounced = bounced_addresses(session)
    rows = []
    for contributor in contributors(session, now, reference.usual_languages):
        key = milestone_key(milestone.name, contributor.address)
        if key in done or contributor.address in bounced:
            continue
        lang = contributor.language
        values = {
            **consultation_values(consultation, lang),
            "milestone": {
                "name": milestone.name,
                "label": french_spacing(milestone.label[lang], lang),
                "date": milestone.date,
                "end_date": milestone.end_date,
                "link": milestone.link_in(lang),
            },
        }
        rendered = render("states", "milestone", lang, values, templates_dir=templates_dir)
        rows.append(
            OutgoingMail(
                purpose=Purpose.MILESTONE,
                key=key,
                recipients=(contributor.address,),
                language=lang,
                subject=rendered.subject,
                text=rendered.text,
                html=rendered.html,
            )
        )
    return rows


def plan_milestones(
    session: Session,
    consultation: Consultation,
    now: datetime,
    *,
    settings: Settings,
    reference: ReferenceData,
    names: list[str] | None = None,
    link: str | None = None,
    templates_dir: Path = DEFAULT_TEMPLATES_DIR,
) -> list[OutgoingMail]:
    """Notices for the milestones due today, or for `names` whatever their date (an admin's trigger),
    with `link` replacing the configured one (e.g. the posted draft)."""
    if names is None:
        chosen = due_milestones(consultation, now)
    else:
        chosen = [consultation.milestone(name) for name in names]
    if link is not None:
        chosen = [Milestone.model_validate({**milestone.model_dump(), "link": link}) for milestone in chosen]
    rows = []
    for milestone in chosen:
        rows.extend(
            plan_milestone(
                session,
                consultation,
                milestone,
                now,
                settings=settings,
                reference=reference,
                templates_dir=templates_dir,
            )
        )
    return rows
