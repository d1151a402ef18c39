"""Scheduler jobs for reminders, milestone notices and the digest, and their cron triggers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Callable, Protocol

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.consultation import Consultation, load_consultation
from mailbot.correspondence.digest import plan_digest
from mailbot.correspondence.focal_points import FocalPoint, load_focal_points
from mailbot.correspondence.milestones import plan_milestones
from mailbot.correspondence.outbox_rows import enqueue
from mailbot.correspondence.reminders import plan_reminders, suppress_stale_reminders

# A daily job that could not run at its time (service down, machine asleep) still runs within this window.
MISFIRE_GRACE_SECONDS = 12 * 3600


class CorrespondenceRuntime(Protocol):
    """What the jobs need from the backbone's runtime object (`consultation` is optional)."""

    settings: Settings
    engine: Engine


def consultation_of(runtime: Any) -> Consultation:
    return getattr(runtime, "consultation", None) or load_consultation(runtime.settings.consultation.file)


def focal_points_of(consultation: Consultation) -> dict[str, FocalPoint]:
    return load_focal_points(consultation.focal_points_path())


def run_reminders(runtime: CorrespondenceRuntime, now: datetime) -> list[str]:
    """Enqueue today's reminders; suppress pending ones to states that contributed. Returns inserted keys."""
    consultation = consultation_of(runtime)
    with Session(runtime.engine) as session:
        rows = plan_reminders(
            session, consultation, now, settings=runtime.settings, focal_points=focal_points_of(consultation)
        )
        keys = enqueue(session, rows)
        suppress_stale_reminders(session, now)
        session.commit()
    return keys


def run_milestones(runtime: CorrespondenceRuntime, now: datetime) -> list[str]:
    consultation = consultation_of(runtime)
    with Session(runtime.engine) as session:
        rows = plan_milestones(
            session, consultation, now, settings=runtime.settings, focal_points=focal_points_of(consultation)
        )
        keys = enqueue(session, rows)
        session.commit()
    return keys


def run_digest(runtime: CorrespondenceRuntime, now: datetime) -> list[str]:
    consultation = consultation_of(runtime)
    with Session(runtime.engine) as session:
        keys = enqueue(session, plan_digest(session, consultation, now, settings=runtime.settings))
        session.commit()
    return keys


@dataclass(frozen=True)
class JobSpec:
    """One scheduler job: add it with scheduler.add_job(<callable>, trigger=spec.trigger, id=spec.id,
    misfire_grace_time=spec.misfire_grace_time, coalesce=True, max_instances=1)."""

    id: str
    func: Callable[[Any, datetime], list[str]]
    trigger: CronTrigger
    misfire_grace_time: int = MISFIRE_GRACE_SECONDS
    coalesce: bool = True
    max_instances: int = 1


def _daily(at: time, zone: str) -> CronTrigger:
    return CronTrigger(hour=at.hour, minute=at.minute, second=at.second, timezone=zone)


def cron_jobs(consultation: Consultation) -> list[JobSpec]:
    """Reminders, milestone notices and the digest, daily at the consultation's local times."""
    zone = consultation.timezone
    return [
        JobSpec("reminders", run_reminders, _daily(consultation.reminders.time, zone)),
        JobSpec("milestones", run_milestones, _daily(consultation.milestone_notices.time, zone)),
        JobSpec("digest", run_digest, _daily(consultation.digest.time, zone)),
    ]


def add_jobs(
    scheduler: Any, runtime: CorrespondenceRuntime, consultation: Consultation, clock: Callable[[], datetime]
) -> None:
    """Plug the jobs into an APScheduler 3 scheduler; `clock` gives "now" (the --now override honoured)."""
    for spec in cron_jobs(consultation):
        scheduler.add_job(
            _bound(spec.func, runtime, clock),
            trigger=spec.trigger,
            id=spec.id,
            misfire_grace_time=spec.misfire_grace_time,
            coalesce=spec.coalesce,
            max_instances=spec.max_instances,
            replace_existing=True,
        )


def _bound(
    func: Callable[[Any, datetime], list[str]], runtime: Any, clock: Callable[[], datetime]
) -> Callable[[], list[str]]:
    def job() -> list[str]:
        return func(runtime, clock())

    job.__name__ = func.__name__
    return job
