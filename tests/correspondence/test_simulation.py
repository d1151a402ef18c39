"""The consultation from 15 October 2019 to 30 June 2020, day by day, on an in-memory register.

The lead's end-to-end version drives the same calendar through Dovecot (arrivals) and aiosmtpd (delivery);
here arrivals are written as the pipeline would write them and "delivery" marks rows sent.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlmodel import select

from mailbot.correspondence.ack_mail import ack_mail
from mailbot.correspondence.digest import plan_digest
from mailbot.correspondence.milestones import plan_milestones
from mailbot.outbox.queue import enqueue_all
from mailbot.correspondence.reminders import plan_reminders, suppress_stale_reminders
from mailbot.store.models import Outbox

GENEVA = ZoneInfo("Europe/Zurich")

# (local arrival time, states, sender, language, kind)
ARRIVALS = [
    (datetime(2019, 11, 2, 10, 15), ("KEN",), "ict.focal@mfa.go.ke", "en", "contribution"),
    (datetime(2019, 11, 2, 10, 16), (), "ooo@mfa.go.ke", "en", "auto_reply"),
    (datetime(2019, 12, 20, 16, 0), ("FRA",), "numerique@diplomatie.gouv.fr", "fr", "contribution"),
    (datetime(2020, 1, 2, 11, 0), ("CHN",), "itu@miit.gov.cn", "zh", "contribution"),
    (datetime(2020, 1, 15, 23, 30), ("ARG",), "consultas@cancilleria.gob.ar", "es", "contribution"),
    (datetime(2020, 1, 16, 0, 10), ("RUS",), "itu@minsvyaz.ru", "ru", "contribution"),
    (datetime(2020, 2, 3, 9, 45), (), "someone@webmail.example", "ar", "contribution"),
]


def _events_of_day(day, consultation):
    """Arrivals and the three daily jobs, in time order."""
    events = [
        (datetime.combine(day, consultation.digest.time, tzinfo=GENEVA), "digest", None),
        (datetime.combine(day, consultation.reminders.time, tzinfo=GENEVA), "reminders", None),
        (datetime.combine(day, consultation.milestone_notices.time, tzinfo=GENEVA), "milestones", None),
    ]
    events += [
        (moment.replace(tzinfo=GENEVA), "arrival", item)
        for item in ARRIVALS
        for moment in [item[0]]
        if moment.date() == day
    ]
    return sorted(events, key=lambda event: event[0])


def test_the_whole_consultation(session, register, consultation, settings, focal_points):
    usual = focal_points.usual_languages
    first_contribution: dict[str, datetime] = {}
    contributions = []
    day = datetime(2019, 10, 15).date()
    while day <= datetime(2020, 6, 30).date():
        for moment, what, item in _events_of_day(day, consultation):
            if what == "arrival":
                _, states, sender, lang, kind = item
                message = register.contribution(
                    moment.astimezone(timezone.utc),
                    states=states,
                    sender=sender,
                    language=lang,
                    kind=kind,
                    needs_review=not states,
                )
                if kind == "contribution":
                    contributions.append(message)
                    for state in states:
                        first_contribution.setdefault(state, moment)
                    enqueue_all(
                        session,
                        [ack_mail(session, message, consultation, usual_language=usual)],
                        settings=settings,
                        now=moment,
                    )
            elif what == "reminders":
                enqueue_all(
                    session,
                    plan_reminders(
                        session, consultation, moment, settings=settings, reference=focal_points
                    ),
                    settings=settings,
                    now=moment,
                )
            elif what == "milestones":
                enqueue_all(
                    session,
                    plan_milestones(
                        session, consultation, moment, settings=settings, reference=focal_points
                    ),
                    settings=settings,
                    now=moment,
                )
            else:
                enqueue_all(session, plan_digest(session, consultation, moment, settings=settings),
                            settings=settings, now=moment)
            session.commit()
            _deliver(session, moment)
        day += timedelta(days=1)

    rows = list(session.exec(select(Outbox)))
    by_purpose = Counter(row.purpose for row in rows)

    # one acknowledgement per contribution, none for the auto-reply; the Geneva midnight edge decides lateness
    acks = {row.message_pk: row for row in rows if row.purpose in ("ack", "late_ack")}
    assert sorted(acks) == sorted(message.id for message in contributions)
    late_senders = {row.recipients[0] for row in acks.values() if row.purpose == "late_ack"}
    assert late_senders == {"itu@minsvyaz.ru", "someone@webmail.example"}
    assert acks[contributions[3].id].purpose == "ack"  # 23:30 on 15 January
    assert {row.language for row in acks.values()} == {"en", "fr", "zh", "es", "ru", "ar"}

    # reminders: at most once per state and offset, never after the state contributed, none after the deadline
    reminders = [row for row in rows if row.purpose == "reminder"]
    keys = [row.key for row in reminders]
    assert len(keys) == len(set(keys))
    for row in reminders:
        state = row.key.split(":")[1]
        if state in first_contribution:
            assert row.created_at < first_contribution[state]
        assert row.created_at < consultation.deadline_at
    expected = {
        30: ("ARG", "CHN", "EGY", "FRA", "RUS"),  # Kenya had contributed in November
        14: ("ARG", "CHN", "EGY", "RUS"),  # France contributed on 20 December
        3: ("ARG", "EGY", "RUS"),
    }  # China on 2 January
    assert sorted(keys) == sorted(
        f"reminder:{state}:{days}" for days, states in expected.items() for state in states
    )

    # one digest per day, every day
    days = (datetime(2020, 6, 30) - datetime(2019, 10, 15)).days + 1
    assert by_purpose["digest"] == days
    assert len({row.key for row in rows if row.purpose == "digest"}) == days

    # milestone notices: once per contributor and dated milestone (the undated WSIS one waits for an admin)
    notices = Counter(row.key.split(":")[1] for row in rows if row.purpose == "milestone")
    assert notices == {"draft_posted": 6, "final_draft": 6, "council": 6}
    assert all(row.status == "sent" for row in rows)


def _deliver(session, now):
    """Stand-in for the outbox delivery job: suppress stale reminders, mark the rest sent."""
    suppress_stale_reminders(session, now)
    for row in session.exec(select(Outbox).where(Outbox.status == "pending")):
        row.status, row.sent_at = "sent", now
        session.add(row)
    session.commit()
