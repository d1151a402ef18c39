"""The scheduled worker: APScheduler jobs for polling, the outbox and the consultation's calendar."""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterator

from mailbot.correspondence.jobs import cron_jobs
from mailbot.errors import MailbotError, SourceUnavailable
from mailbot.outbox.deliver import deliver_due
from mailbot.worker import poll_with_retries

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

log = logging.getLogger("mailbot.schedule")


class PollRequests:
    """News the IDLE watcher saw, and whether a poll is running. A wake-up that comes while the poll
    job runs would be skipped by APScheduler (one instance at a time) and the news would wait for
    the next interval; instead the running poll polls again before it ends."""

    def __init__(self) -> None:
        self._pending = threading.Event()
        self._polling = threading.Event()

    def request(self) -> None:
        self._pending.set()

    def pending(self) -> bool:
        return self._pending.is_set()

    def polling(self) -> bool:
        return self._polling.is_set()

    @contextmanager
    def poll(self) -> Iterator[None]:
        self._polling.set()
        try:
            yield
        finally:
            self._polling.clear()

    def take(self) -> bool:
        """Whether news came since the last take; clears it."""
        pending = self._pending.is_set()
        self._pending.clear()
        return pending


def poll_and_deliver(runtime: Runtime, requests: PollRequests | None = None) -> None:
    """Poll then flush the outbox, so an acknowledgement leaves seconds after arrival; again while
    the IDLE watcher reports news that came during the poll."""
    requests = requests or PollRequests()
    with requests.poll():
        while not runtime.stop.requested:
            requests.take()            # this poll covers everything that arrived up to now
            if not _poll_and_deliver_once(runtime) or not requests.pending():
                return


def _poll_and_deliver_once(runtime: Runtime) -> bool:
    """One poll and one outbox flush; False when the mailbox could not be polled."""
    polled = False
    try:
        report = poll_with_retries(runtime, deliver=True)
        polled = True
        if report.registered:
            log.info("poll registered=%d failed=%d acks=%d", report.registered, report.failed, report.acks_queued)
    except SourceUnavailable as err:
        log.warning("mailbox unavailable, will retry at the next poll: %s", err)
    except MailbotError as err:
        log.error("poll failed: %s", err)
    runtime.stop.tally.receipts_sent += deliver_due(runtime).sent
    return polled


def flush_outbox(runtime: Runtime) -> None:
    runtime.stop.tally.receipts_sent += deliver_due(runtime).sent


def extra_jobs(runtime: Runtime) -> list[dict]:
    """Calendar jobs from the correspondence layer (reminders, milestones, digest)."""
    return cron_jobs(runtime)


def build_scheduler(runtime: Runtime, requests: PollRequests | None = None):
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    # One worker thread: jobs never overlap, so the register sees one writer at a time.
    scheduler = BackgroundScheduler(executors={"default": ThreadPoolExecutor(1)},
                                    job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})
    schedule = runtime.settings.schedule
    now = datetime.now(timezone.utc)
    scheduler.add_job(poll_and_deliver, "interval", args=[runtime, requests], id="poll",
                      minutes=schedule.poll_minutes, next_run_time=now)
    scheduler.add_job(flush_outbox, "interval", args=[runtime], id="outbox", minutes=schedule.outbox_minutes)
    for job in extra_jobs(runtime):
        scheduler.add_job(**job)
    return scheduler


def start_idle_watcher(runtime: Runtime, scheduler, stop: threading.Event,
                       requests: PollRequests | None = None) -> threading.Thread | None:
    """IMAP IDLE on a second connection: news moves the poll job to now. Until a poll has taken the
    news (the wake-up may come as a poll ends, and be skipped), it asks again every second."""
    if not (runtime.settings.uses_imap and runtime.settings.imap.idle):
        return None
    requests = requests or PollRequests()

    def wake_poll() -> None:
        scheduler.modify_job("poll", next_run_time=datetime.now(timezone.utc))

    def watch() -> None:
        source = None
        while not stop.is_set():
            try:
                if source is None:
                    source = runtime.make_source()
                news = source.wait_for_news(timeout=1 if requests.pending() else 25)
                if news:
                    requests.request()
                if requests.pending():
                    if not requests.polling():     # a running poll sees the request itself
                        wake_poll()
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


def run_forever(runtime: Runtime) -> None:
    """Run until SIGTERM or SIGINT (`runtime.stop`): the running job ends what it holds, delivers
    what is decided, and the process returns within `[schedule] shutdown_seconds`."""
    requests = PollRequests()
    scheduler = build_scheduler(runtime, requests)
    stop = threading.Event()
    start_idle_watcher(runtime, scheduler, stop, requests)
    log.info("mailbot running: poll every %s min", runtime.settings.schedule.poll_minutes)
    scheduler.start()
    try:
        while not runtime.stop.wait(1.0):     # the main thread only waits: signals are handled here
            pass
    finally:
        stop.set()
        scheduler.shutdown(wait=True)         # the running job sees the stop and ends soon
