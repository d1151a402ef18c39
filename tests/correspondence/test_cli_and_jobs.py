"""The preview/notices commands and the scheduler jobs, against an in-memory register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import typer
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.engine import Engine
from sqlmodel import select
from typer.testing import CliRunner

from mailbot.cli.correspondence import register
from mailbot.config import Settings
from mailbot.consultation import Consultation
from mailbot.clock import FixedClock
from mailbot.correspondence.jobs import (
    calendar_jobs,
    cron_jobs,
    run_digest,
    run_due,
    run_milestones,
    run_reminders,
)
from mailbot.store.models import Outbox
from tests.correspondence.conftest import utc

GENEVA = ZoneInfo("Europe/Zurich")


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    consultation: Consultation
    clock: FixedClock = None


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """mailbot (test harness)"""

    register(app)
    return app


def _with_focal_points(settings, tmp_path, text):
    path = tmp_path / "fp.toml"
    path.write_text(text, encoding="utf-8")
    return settings.model_copy(update={"attribution": settings.attribution.model_copy(update={"focal_points": path})})


def test_preview_ack_writes_html_and_prints_text(engine, register, consultation, settings, tmp_path):
    message = register.contribution(
        utc(2020, 1, 15, 23, 10),
        states=("FRA",),
        language="fr",
        files=(("contribution-fr.docx", 52_000, "ok", "fr"),),
    )
    runtime = Runtime(settings, engine, consultation)
    result = CliRunner().invoke(
        _app(), ["preview", "ack", str(message.id), "--out", str(tmp_path)], obj=runtime
    )
    assert result.exit_code == 0, result.output
    assert "contribution tardive" in result.output and "GCA-2020-0001" in result.output
    html = (tmp_path / f"ack-{message.id}.fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html and "contribution-fr.docx" in html
    by_receipt = CliRunner().invoke(
        _app(), ["preview", "ack", "GCA-2020-0001", "--lang", "ar", "--out", str(tmp_path)], obj=runtime
    )
    assert by_receipt.exit_code == 0 and "إشعار باستلام" in by_receipt.output
    assert (tmp_path / "ack-GCA-2020-0001.ar.html").read_text(encoding="utf-8").count('dir="rtl"') >= 1


def test_preview_ack_unknown_message(engine, consultation, settings, tmp_path):
    result = CliRunner().invoke(
        _app(), ["preview", "ack", "999", "--out", str(tmp_path)], obj=Runtime(settings, engine, consultation)
    )
    assert result.exit_code == 2 and "no message '999' in the register" in result.output


def test_preview_digest_queues_nothing(engine, session, register, consultation, settings, tmp_path):
    register.contribution(utc(2020, 1, 9, 10, 0))
    result = CliRunner().invoke(
        _app(),
        ["preview", "digest", "--now", "2020-01-10T08:00+01:00", "--out", str(tmp_path)],
        obj=Runtime(settings, engine, consultation),
    )
    assert result.exit_code == 0, result.output
    assert (
        "Daily digest of January 10, 2020" in result.output
        and "5 days to the deadline (January 15, 2020)" in result.output
    )
    assert (tmp_path / "digest-2020-01-10.html").is_file()
    assert session.exec(select(Outbox)).all() == []


def test_notices_plan_lists_without_queuing(engine, session, consultation, settings, tmp_path):
    settings = _with_focal_points(settings, tmp_path, '[[focal_point]]\nstate = "KEN"\naddress = "fp@ke.example"\n')
    result = CliRunner().invoke(
        _app(),
        ["notices", "plan", "--now", "2019-12-16T09:00+01:00", "--out", str(tmp_path)],
        obj=Runtime(settings, engine, consultation),
    )
    assert result.exit_code == 0, result.output
    assert "reminder:KEN:30" in result.output and "digest:2019-12-16" in result.output
    index = (tmp_path / "plan-2019-12-16" / "index.html").read_text(encoding="utf-8")
    assert "reminder:KEN:30" in index and (tmp_path / "plan-2019-12-16" / "001.html").is_file()
    assert session.exec(select(Outbox)).all() == []


def test_notices_send_milestone_queues_once(engine, session, register, consultation, settings, tmp_path):
    register.contribution(utc(2019, 11, 2, 10, 0))
    runtime = Runtime(settings, engine, consultation)
    args = [
        "notices",
        "send",
        "milestone",
        "draft_posted",
        "--link",
        "https://www.itu.int/draft.pdf",
        "--now",
        "2020-03-20T10:00+01:00",
        "--out",
        str(tmp_path),
    ]
    first = CliRunner().invoke(_app(), args, obj=runtime)
    assert first.exit_code == 0, first.output
    assert "1 notice(s) queued" in first.output and "https://www.itu.int/draft.pdf" in first.output
    again = CliRunner().invoke(_app(), args, obj=runtime)
    assert "0 notice(s) queued" in again.output
    assert len(session.exec(select(Outbox)).all()) == 1
    unknown = CliRunner().invoke(
        _app(), ["notices", "send", "milestone", "nope", "--out", str(tmp_path)], obj=runtime
    )
    assert unknown.exit_code != 0 and "draft_posted" in unknown.output


def test_now_without_offset_is_utc_like_the_core_cli(engine, register, consultation, settings, tmp_path):
    register.contribution(utc(2020, 1, 9, 10, 0))
    runtime = Runtime(settings, engine, consultation)
    result = CliRunner().invoke(
        _app(), ["preview", "digest", "--now", "2020-01-10T23:30", "--out", str(tmp_path)], obj=runtime
    )
    assert "Daily digest of January 11, 2020" in result.output  # 23:30 UTC is 00:30 in Geneva
    bad = CliRunner().invoke(_app(), ["preview", "digest", "--now", "yesterday"], obj=runtime)
    assert bad.exit_code != 0 and "ISO 8601" in bad.output


def test_jobs_enqueue_once(engine, session, register, consultation, settings, tmp_path):
    settings = _with_focal_points(settings, tmp_path, '[[focal_point]]\nstate = "KEN"\naddress = "fp@ke.example"\n')
    runtime = Runtime(settings, engine, consultation)
    register.contribution(utc(2019, 11, 2, 10, 0), states=("FRA",), sender="fr@example.org")
    now = datetime(2019, 12, 16, 9, 0, tzinfo=GENEVA)
    assert run_reminders(runtime, now) == ["reminder:KEN:30"] and run_reminders(runtime, now) == []
    assert run_digest(runtime, now) == ["digest:2019-12-16"] and run_digest(runtime, now) == []
    march = datetime(2020, 3, 20, 9, 30, tzinfo=GENEVA)
    assert run_milestones(runtime, march) == ["milestone:draft_posted:fr@example.org"]
    assert run_milestones(runtime, march) == []


def test_cron_triggers_fire_at_local_times(consultation, engine, settings):
    specs = {spec.id: spec for spec in calendar_jobs(consultation)}
    assert set(specs) == {"reminders", "milestones", "digest"}
    after = datetime(2020, 3, 28, 12, 0, tzinfo=GENEVA)  # the night DST starts in Geneva
    fire = specs["digest"].trigger.get_next_fire_time(None, after)
    assert fire.astimezone(GENEVA).replace(tzinfo=None) == datetime(2020, 3, 29, 8, 0)
    assert specs["digest"].misfire_grace_time >= 3600
    scheduler = BackgroundScheduler(timezone=GENEVA)
    runtime = Runtime(settings, engine, consultation, FixedClock(after))
    for job in cron_jobs(runtime):
        scheduler.add_job(**job)
    assert sorted(job.id for job in scheduler.get_jobs()) == ["digest", "milestones", "reminders"]


def test_run_due_runs_what_today_has_reached(engine, session, register, consultation, settings, tmp_path):
    settings = _with_focal_points(settings, tmp_path, '[[focal_point]]\nstate = "KEN"\naddress = "fp@ke.example"\n')
    runtime = Runtime(
        settings, engine, consultation, FixedClock(datetime(2019, 12, 16, 8, 30, tzinfo=GENEVA))
    )
    assert run_due(runtime) == {"digests queued": 1}  # 08:30: only the digest's hour
    runtime.clock.advance_to(datetime(2019, 12, 16, 10, 0, tzinfo=GENEVA))
    assert run_due(runtime) == {"reminders queued": 1, "milestone notices queued": 0, "digests queued": 0}
    keys = sorted(session.exec(select(Outbox.key)).all())
    assert keys == ["digest:2019-12-16", "reminder:KEN:30"]


def test_ack_mail_is_what_the_record_stage_queues(session, register, consultation, settings):
    import email
    from email import policy

    from mailbot.correspondence.ack_mail import ack_mail
    from mailbot.outbox.mail import compose, message_id_for
    from mailbot.reference import reference_data

    message = register.contribution(
        utc(2020, 1, 15, 23, 10), states=("FRA",), language=None, files=(("avis.docx", 30_000, "ok", "fr"),)
    )
    mail = ack_mail(session, message, consultation, usual_language=reference_data(settings.attribution.focal_points).usual_languages)
    parsed = email.message_from_bytes(compose(mail, settings, utc(2020, 1, 15, 23, 11)), policy=policy.default)
    assert mail.language == "fr" and "contribution tardive" in mail.subject and parsed["Subject"] == mail.subject
    assert mail.purpose == "late_ack" and mail.key == f"ack:{message.raw_sha256}"
    assert parsed["Message-ID"] == message_id_for(settings, mail.key)
    assert parsed["In-Reply-To"] == message.message_id and parsed["Content-Language"] == "fr"
    assert parsed["Auto-Submitted"] == "auto-replied"
    assert "avis.docx" in parsed.get_body(("plain",)).get_content()
