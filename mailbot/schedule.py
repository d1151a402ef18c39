"""The scheduled worker: APScheduler jobs for polling, the outbox and the consultation's calendar."""
from __future__ import annotations

import logging
import signal
import threading
from datetime import datetime, timezone

from mailbot.errors import MailbotError, SourceUnavailable

log = logging.getLogger("mailbot.schedule")


def poll_and_deliver(runtime) -> None:
    """One poll followed by an outbox flush, so an acknowledgement leaves seconds after arrival."""
    from mailbot.outbox.deliver import deliver_due
    from mailbot.worker import poll_with_retries

    try:
        report = poll_with_retries(runtime)
        if report.registered:
            log.info("poll registered=%d failed=%d acks=%d", report.registered, report.failed, report.acks_queued)
    except SourceUnavailable as err:
        log.warning("mailbox unavailable, will retry at the next poll: %s", err)
    except MailbotError as err:
        log.error("poll failed: %s", err)
    deliver_due(runtime)


def flush_outbox(runtime) -> None:
    from mailbot.outbox.deliver import deliver_due

    deliver_due(runtime)


def extra_jobs(runtime) -> list[dict]:
    """Calendar jobs from the correspondence layer (reminders, milestones, digest), if present."""
    try:
        from mailbot.correspondence.jobs import cron_jobs
    except ImportError:
        return []
    return cron_jobs(runtime)


def build_scheduler(runtime):
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.blocking import BlockingScheduler

    # One worker thread: jobs never overlap, so the register sees one writer at a time.
    scheduler = BlockingScheduler(executors={"default": ThreadPoolExecutor(1)},
                                  job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})
    schedule = runtime.settings.schedule
    now = datetime.now(timezone.utc)
    scheduler.add_job(poll_and_deliver, "interval", args=[runtime], id="poll",
                      minutes=schedule.poll_minutes, next_run_time=now)
    scheduler.add_job(flush_outbox, "interval", args=[runtime], id="outbox", minutes=schedule.outbox_minutes)
    for job in extra_jobs(runtime):
        scheduler.add_job(**job)
    return scheduler


def start_idle_watcher(runtime, scheduler, stop: threading.Event) -> threading.Thread | None:
    """IMAP IDLE on a second connection: news moves the poll job to now."""
    if not (runtime.settings.uses_imap and runtime.settings.imap.idle):
        return None

    def watch() -> None:
        source = None
        while not stop.is_set():
            try:
                if source is None:
                    source = runtime.make_source()
                if source.wait_for_news(timeout=25):
                    scheduler.modify_job("poll", next_run_time=datetime.now(timezone.utc))
                elif not getattr(source, "supports_idle", True):
                    return
            except Exception as err:  # IDLE is an accelerator only: the interval poll still runs
                log.warning("IDLE watcher: %s; reconnecting", err)
                if source is not None:
                    try:
                        source.close()
                    except Exception:  # noqa: BLE001 - closing a broken connection
                        pass
                source = None
                stop.wait(5)

    thread = threading.Thread(target=watch, name="imap-idle", daemon=True)
    thread.start()
    return thread


def run_forever(runtime) -> None:
    """Run until SIGTERM or SIGINT; the current job finishes before exit."""
    scheduler = build_scheduler(runtime)
    stop = threading.Event()

    def shutdown(signum, _frame) -> None:
        log.info("signal %s: stopping after the current job", signum)
        stop.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    start_idle_watcher(runtime, scheduler, stop)
    log.info("mailbot running: poll every %s min", runtime.settings.schedule.poll_minutes)
    scheduler.start()
    stop.set()
