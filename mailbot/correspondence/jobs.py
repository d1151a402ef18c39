"""Scheduler jobs for reminders, milestone notices and the digest, and their cron triggers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING, Any, Callable, Protocol

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.consultation import Consultation, load_consultation
from mailbot.correspondence.digest import digest_due, plan_digest
from mailbot.correspondence.milestones import plan_milestones
from mailbot.correspondence.reminders import plan_reminders, suppress_stale_reminders
from mailbot.outbox.deliver import deliver_due
from mailbot.outbox.queue import enqueue_all
from mailbot.reference import ReferenceData, reference_data

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

# A daily job that could not run at its time (service down, machine asleep) still runs within this window.
MISFIRE_GRACE_SECONDS = 12 * 3600


class CorrespondenceRuntime(Protocol):
    """What the jobs need from the backbone's runtime object (`consultation` is optional)."""

    settings: Settings
    engine: Engine


def consultation_of(runtime: Runtime) -> Consultation:
    return getattr(runtime, "consultation", None) or load_consultation(runtime.settings.consultation.file)


def reference_of(runtime: Runtime) -> ReferenceData:
    """The run's ReferenceData (its focal points are whom reminders go to)."""
    return getattr(runtime, "reference", None) or reference_data(runtime.settings.attribution.focal_points)


def run_reminders(runtime: CorrespondenceRuntime, now: datetime) -> list[str]:
    """Enqueue today's reminders; suppress pending ones to states that contributed. Returns inserted keys."""
    consultation = consultation_of(runtime)
    with Session(runtime.engine) as session:
        rows = plan_reminders(
            session, consultation, now, settings=runtime.settings, reference=reference_of(runtime)
        )
        keys = enqueue_all(session, rows, settings=runtime.settings, now=now)
        suppress_stale_reminders(session, now)
        session.commit()
    return keys


def run_milestones(runtime: CorrespondenceRuntime, now: datetime) -> list[str]:
    consultation = consultation_of(runtime)
    with Session(runtime.engine) as session:
        rows = plan_milestones(
            session, consultation, now, settings=runtime.settings, reference=reference_of(runtime)
        )
        keys = enqueue_all(session, rows, settings=runtime.settings, now=now)
        session.commit()
    return keys


def run_digest(runtime: CorrespondenceRuntime, now: datetime, flush: Callable[[], Any] | None = None) -> list[str]:
    """Today's digest, composed after `flush` drains the outbox, so its figures are what was really
    sent rather than what was waiting to be (the scheduler flushes through the runtime's transport)."""
    consultation = consultation_of(runtime)
    with Session(runtime.engine) as session:
        if not digest_due(session, consultation, now):
            return []
    if flush is not None:
        flush()
    with Session(runtime.engine) as session:
        mails = plan_digest(session, consultation, now, settings=runtime.settings)
        keys = enqueue_all(session, mails, settings=runtime.settings, now=now)
        session.commit()
    return keys


@dataclass(frozen=True)
class JobSpec:
    """One calendar job: what runs, when (a cron trigger in the consultation's zone), and how it misfires."""

    id: str
    func: Callable[[Any, datetime], list[str]]
    trigger: CronTrigger
    at: time
    misfire_grace_time: int = MISFIRE_GRACE_SECONDS
    coalesce: bool = True
    max_instances: int = 1


def _daily(at: time, zone: str) -> CronTrigger:
    return CronTrigger(hour=at.hour, minute=at.minute, second=at.second, timezone=zone)


def calendar_jobs(consultation: Consultation) -> list[JobSpec]:
    """Reminders, milestone notices and the digest, daily at the consultation's local times."""
    zone = consultation.timezone
    times = (
        ("reminders", run_reminders, consultation.reminders.time),
        ("milestones", run_milestones, consultation.milestone_notices.time),
        ("digest", run_digest, consultation.digest.time),
    )
    return [JobSpec(name, func, _daily(at, zone), at) for name, func, at in times]


def cron_jobs(runtime: Runtime) -> list[dict]:
    """`scheduler.add_job(**job)` arguments for each calendar job; "now" comes from runtime.clock."""
    return [
        {
            "func": _bound(spec.func, runtime),
            "trigger": spec.trigger,
            "id": spec.id,
            "misfire_grace_time": spec.misfire_grace_time,
            "coalesce": spec.coalesce,
            "max_instances": spec.max_instances,
            "replace_existing": True,
        }
        for spec in calendar_jobs(consultation_of(runtime))
    ]


def run_due(runtime: Runtime, now: datetime | None = None, flush: Callable[[], Any] | None = None) -> dict[str, int]:
    """For `run --once`: every calendar job whose local time of day has come today (each is idempotent
    per day, so running it again later the same day queues nothing new). Returns counts queued.
    `flush` drains the outbox before the digest is composed, so the digest reports what was sent."""
    consultation = consultation_of(runtime)
    moment = now or runtime.clock.now()
    local_time = consultation.local(moment).time()
    labels = {
        "reminders": "reminders queued",
        "milestones": "milestone notices queued",
        "digest": "digests queued",
    }
    return {
        labels[spec.id]: len(spec.func(runtime, moment, **({"flush": flush} if spec.id == "digest" else {})))
        for spec in calendar_jobs(consultation)
        if local_time >= spec.at
    }


def _bound(func: Callable[..., list[str]], runtime: Runtime) -> Callable[[], list[str]]:
    def job() -> list[str]:
        if func is run_digest:      # the digest reports what was sent: drain the outbox first
            return func(runtime, runtime.clock.now(), flush=lambda: deliver_due(runtime))
        return func(runtime, runtime.clock.now())

    job.__name__ = func.__name__
    return job
