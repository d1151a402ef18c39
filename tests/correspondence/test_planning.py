"""Reminders, milestone notices and the digest: exactly once, never after contributing, never to a bounce."""

from __future__ import annotations

import email
from datetime import datetime, timedelta, timezone
from email import policy
from zoneinfo import ZoneInfo

from sqlmodel import select

from mailbot.correspondence.digest import plan_digest, register_csv
from mailbot.correspondence.milestones import plan_milestones
from mailbot.outbox.mail import compose
from mailbot.outbox.queue import enqueue_all
from mailbot.correspondence.reminders import plan_reminders, suppress_stale_reminders
from mailbot.store.models import Outbox
from tests.correspondence.conftest import utc

GENEVA = ZoneInfo("Europe/Zurich")


def _at(day: datetime, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=GENEVA)


def _days(start: datetime, end: datetime):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _rows(session, purpose=None):
    query = select(Outbox)
    if purpose:
        query = query.where(Outbox.purpose == purpose)
    return list(session.exec(query))


def test_reminders_over_a_walked_clock(session, register, consultation, settings, focal_points):
    """Kenya contributes on 5 Jan (after the 30- and 14-day reminders); France before any reminder;
    one of Egypt's two addresses bounced. Each remaining state gets each reminder once, on its day."""
    register.contribution(utc(2019, 11, 20, 10, 0), states=("FRA",), sender="numerique@diplomatie.gouv.fr")
    register.bounce("bounced@tra.gov.eg", utc(2019, 11, 1, 8, 0))
    sent_on: dict[str, str] = {}
    for day in _days(datetime(2019, 10, 15), datetime(2020, 2, 10)):
        if (day.month, day.day) == (1, 5):
            register.contribution(utc(2020, 1, 5, 9, 0), states=("KEN",))
        for hour in (9, 15):  # the job runs twice a day: the rerun adds nothing
            now = _at(day, hour)
            keys = enqueue_all(
                session,
                plan_reminders(session, consultation, now, settings=settings, reference=focal_points),
                settings=settings, now=now,
            )
            session.commit()
            for key in keys:
                assert key not in sent_on, f"{key} twice"
                sent_on[key] = day.date().isoformat()
    expected_days = {30: "2019-12-16", 14: "2020-01-01", 3: "2020-01-12"}
    expected = {
        f"reminder:{state}:{offset}": day
        for offset, day in expected_days.items()
        for state in ("ARG", "CHN", "EGY", "KEN", "RUS")
        if not (state == "KEN" and offset == 3)
    }
    assert sent_on == expected
    egypt = session.exec(select(Outbox).where(Outbox.key == "reminder:EGY:30")).one()
    assert egypt.recipients == ["itu.focal@tra.gov.eg"]
    parsed = email.message_from_bytes(egypt.raw, policy=policy.default)
    assert parsed["Auto-Submitted"] == "auto-generated" and parsed["X-Auto-Response-Suppress"] == "All"
    assert egypt.language == "ar" and "تذكير" in parsed["Subject"]


def test_missed_runs_catch_up_with_the_latest_reminder_only(session, consultation, settings, focal_points):
    rows = plan_reminders(
        session, consultation, _at(datetime(2020, 1, 13), 9), settings=settings, reference=focal_points
    )
    assert {row.key.rsplit(":", 1)[1] for row in rows} == {"3"}
    assert (
        plan_reminders(
            session, consultation, _at(datetime(2020, 1, 16), 9), settings=settings, reference=focal_points
        )
        == []
    )


def test_reminder_pending_when_the_state_contributes_is_suppressed(
    session, register, consultation, settings, focal_points
):
    now = _at(datetime(2019, 12, 16), 9)
    enqueue_all(session, plan_reminders(session, consultation, now, settings=settings, reference=focal_points),
                settings=settings, now=now)
    session.commit()
    register.contribution(utc(2019, 12, 16, 9, 30), states=("RUS",), sender="itu@minsvyaz.ru")
    assert suppress_stale_reminders(session, _at(datetime(2019, 12, 16), 11)) == ["reminder:RUS:30"]
    session.commit()
    statuses = {row.key: row.status for row in _rows(session, "reminder")}
    assert statuses["reminder:RUS:30"] == "suppressed" and statuses["reminder:KEN:30"] == "pending"


def test_milestone_notices_once_per_contributor(session, register, consultation, settings, focal_points):
    register.contribution(utc(2019, 11, 2, 10, 0), sender="ict.focal@mfa.go.ke")
    register.contribution(utc(2019, 12, 2, 10, 0), sender="ICT.Focal@mfa.go.ke")  # same person
    register.contribution(utc(2020, 1, 8, 10, 0), states=("CHN",), sender="itu@miit.gov.cn", language="zh")
    register.contribution(utc(2020, 1, 9, 10, 0), sender="gone@example.org")
    register.contribution(utc(2020, 1, 9, 11, 0), kind="auto_reply", sender="ooo@example.org")
    register.bounce("gone@example.org", utc(2020, 1, 10, 0, 0))
    inserted = []
    for day in _days(datetime(2020, 3, 15), datetime(2020, 6, 30)):
        for hour in (9, 10):
            now = _at(day, hour)
            inserted += enqueue_all(
                session,
                plan_milestones(session, consultation, now, settings=settings, reference=focal_points),
                settings=settings, now=now,
            )
            session.commit()
    assert sorted(inserted) == sorted(
        f"milestone:{name}:{address}"
        for name in ("draft_posted", "final_draft", "council")
        for address in ("ict.focal@mfa.go.ke", "itu@miit.gov.cn")
    )
    chinese = session.exec(select(Outbox).where(Outbox.key == "milestone:council:itu@miit.gov.cn")).one()
    assert chinese.language == "zh" and "理事会" in chinese.subject


def test_admin_triggers_a_milestone_with_a_link(session, register, consultation, settings, focal_points):
    register.contribution(utc(2019, 11, 2, 10, 0))
    now = _at(datetime(2020, 5, 2), 14)
    rows = plan_milestones(
        session,
        consultation,
        now,
        settings=settings,
        reference=focal_points,
        names=["wsis_forum"],
        link="https://www.itu.int/wsis/forum/2020",
    )
    assert [row.key for row in rows] == ["milestone:wsis_forum:ict.focal@mfa.go.ke"]
    assert b"https://www.itu.int/wsis/forum/2020" in compose(rows[0], settings, now)
    assert enqueue_all(session, rows, settings=settings, now=now) and not enqueue_all(
        session,
        plan_milestones(
            session, consultation, now, settings=settings, reference=focal_points, names=["wsis_forum"]
        ),
        settings=settings, now=now,
    )


def test_one_digest_per_day_covering_what_arrived_since_the_last(session, register, consultation, settings):
    digests = []
    for day in _days(datetime(2020, 1, 10), datetime(2020, 1, 17)):
        register.contribution(
            _at(day, 7).astimezone(timezone.utc), subject=f"input {day.day}", sender=f"s{day.day}@example.org"
        )
        for hour in (8, 8, 12):  # a rerun at the same time and later the same day
            keys = enqueue_all(session, plan_digest(session, consultation, _at(day, hour), settings=settings),
                               settings=settings, now=_at(day, hour))
            session.commit()
            digests += keys
    assert digests == [f"digest:2020-01-{day:02d}" for day in range(10, 18)]
    last = session.exec(select(Outbox).where(Outbox.key == "digest:2020-01-17")).one()
    parsed = email.message_from_bytes(last.raw, policy=policy.default)
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    assert "input 17" in text and "input 16" not in text  # only what is new since yesterday
    assert "late: 2" in text  # 16 and 17 January
    attachment = next(parsed.iter_attachments())
    assert attachment.get_filename() == "register-gca-2020-2020-01-17.csv"
    csv_text = attachment.get_content()
    csv_text = csv_text.decode("utf-8-sig") if isinstance(csv_text, bytes) else csv_text.lstrip("\ufeff")
    assert csv_text.count("\r\n") == 1 + 8


def test_csv_neutralises_formulas(session, register, consultation):
    register.contribution(utc(2020, 1, 2, 9, 0), subject='=HYPERLINK("http://evil")', sender="a@b.example")
    text = register_csv(session, consultation, utc(2020, 1, 3, 0, 0)).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_digest_reports_failed_acknowledgements(session, register, consultation, settings):
    message = register.contribution(utc(2020, 1, 2, 9, 0))
    session.add(
        Outbox(
            key=f"ack:{message.id}",
            purpose="ack",
            message_pk=message.id,
            recipients=["x@y.example"],
            message_id="<1@mailbot.itu.int>",
            raw=b"",
            status="failed",
            last_error="550 5.1.1 <x@y.example>: Recipient address rejected",
            created_at=utc(2020, 1, 2),
        )
    )
    session.commit()
    row = plan_digest(session, consultation, utc(2020, 1, 3, 7, 0), settings=settings)[0]
    text = email.message_from_bytes(compose(row, settings, utc(2020, 1, 3, 7, 0)), policy=policy.default).get_body(("plain",)).get_content()
    assert "550 5.1.1" in text and "GCA-2020-0001" in text


def test_long_lists_are_capped_and_the_csv_zipped_when_large(
    session, register, consultation, settings, monkeypatch
):
    from mailbot.correspondence import digest, digest_facts

    monkeypatch.setattr(digest_facts, "LIST_LIMIT", 2)
    monkeypatch.setattr(digest, "ZIP_ABOVE_BYTES", 10)
    for number in range(5):
        register.contribution(utc(2020, 1, 2, 9, number), subject=f"input {number}")
    row = plan_digest(session, consultation, utc(2020, 1, 3, 7, 0), settings=settings)[0]
    parsed = email.message_from_bytes(compose(row, settings, utc(2020, 1, 3, 7, 0)), policy=policy.default)
    text = parsed.get_body(("plain",)).get_content()
    assert "== New contributions (5) ==" in text and "and 3 more" in text
    assert "input 1" in text and "input 2" not in text
    attachment = next(parsed.iter_attachments())
    assert attachment.get_filename().endswith(".csv.zip")
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(attachment.get_content())) as archive:
        (name,) = archive.namelist()
        assert archive.read(name).decode("utf-8-sig").count("input ") == 5


def test_a_settled_review_leaves_the_digest(session, register, consultation, settings):
    held = register.contribution(utc(2020, 1, 2, 9, 0), states=(), needs_review=True, reasons=["no evidence"])
    register.contribution(utc(2020, 1, 2, 10, 0), states=(), needs_review=True, reasons=["forwarded"])
    held.manual_states = ["KEN"]
    session.add(held)
    session.commit()
    row = plan_digest(session, consultation, utc(2020, 1, 3, 7, 0), settings=settings)[0]
    raw = compose(row, settings, utc(2020, 1, 3, 7, 0))
    text = email.message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content()
    assert "Awaiting review: 1\r\n" in text and "forwarded" in text and "no evidence" not in text


def test_nothing_is_planned_outside_the_consultation(session, register, consultation, settings, focal_points):
    register.contribution(utc(2019, 11, 2, 10, 0))
    for now in (utc(2019, 10, 14, 9, 0), utc(2020, 7, 1, 9, 0), utc(2026, 11, 28, 9, 0)):
        assert plan_digest(session, consultation, now, settings=settings) == []
        assert plan_reminders(session, consultation, now, settings=settings, reference=focal_points) == []
        assert plan_milestones(session, consultation, now, settings=settings, reference=focal_points) == []
    assert plan_digest(session, consultation, utc(2020, 6, 30, 9, 0), settings=settings)
