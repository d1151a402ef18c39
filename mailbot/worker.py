"""One poll: fetch what is new, run each message through the pipeline, then flush the outbox."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

from mailbot.errors import SourceError, SourceUnavailable
from mailbot.pipeline import BatchRun
from mailbot.workitem import WorkItem
from mailbot.store.register import RegisterSeen, set_poll_state

log = logging.getLogger("mailbot.worker")


# Messages handled together so their documents are extracted side by side; bounded in count and bytes.
BATCH_MESSAGES = 16
BATCH_BYTES = 48 * 1024 * 1024


def _batches(fetched_messages):
    batch, size = [], 0
    for fetched in fetched_messages:
        batch.append(fetched)
        size += len(fetched.raw)
        if len(batch) >= BATCH_MESSAGES or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _run_overlapped(runtime, batches, done: Callable[[WorkItem], None]) -> None:
    """Batch N+1 is fetched, parsed and sent to the extraction pool while batch N goes through its
    later stages to its commits: the pool and this process work at the same time.

    One extraction thread (the pool serves one caller at a time); each batch is still recorded in
    order, message by message, and marked processed only after its commit."""
    from concurrent.futures import ThreadPoolExecutor

    stages = BatchRun()
    previous = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract") as extraction:
        try:
            for batch in batches:
                now = runtime.clock.now()
                items = [WorkItem(fetched=fetched, now=now) for fetched in batch]
                stages.head(items, runtime)
                pending = extraction.submit(stages.middle, items, runtime)
                if previous is not None:
                    _finish(stages, runtime, previous, done)
                previous = (items, pending)
            if previous is not None:
                _finish(stages, runtime, previous, done)
                previous = None
        finally:
            if previous is not None:          # an error mid-way: let the running extraction end first
                previous[1].cancel() or previous[1].exception()


def _finish(stages: BatchRun, runtime, batch, done) -> None:
    items, pending = batch
    pending.result()                          # re-raises a StoreError from the extraction thread
    stages.tail(items, runtime, done)


@dataclass
class PollReport:
    """What one run did with what it fetched: new rows, copies of rows already there, and the rest."""
    registered: int = 0
    failed: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    acks_queued: int = 0
    acks_held: int = 0
    held_reasons: dict[str, int] = field(default_factory=dict)   # why, in short, and how many
    no_ack_reasons: dict[str, int] = field(default_factory=dict)
    burst: str = ""                                                # the burst guard's sentence, if it held
    ack_message_pks: list[int] = field(default_factory=list)      # register rows whose acks were queued
    duplicates: list[int] = field(default_factory=list)    # register ids the copies are the same bytes as
    skipped: int = 0                                         # fetched, but no register row came of it

    def count(self, item: WorkItem) -> None:
        """Add one recorded message and its acknowledgement decision."""
        from mailbot.kinds import AckOutcome

        self.failed += bool(item.failures)
        if item.copy_of is not None:           # the same bytes again: not a new register row
            self.duplicates.append(item.copy_of)
            return
        if item.record_pk is None:
            self.skipped += 1
            return
        self.registered += 1
        self.kinds[item.kind or "other"] = self.kinds.get(item.kind or "other", 0) + 1
        decision = item.ack
        if decision.outcome is AckOutcome.SEND:
            self.acks_queued += 1
            if item.record_pk is not None:
                self.ack_message_pks.append(item.record_pk)
        elif decision.outcome is AckOutcome.HELD:
            self.acks_held += 1
            _tally(self.held_reasons, _short(decision.reason))
        elif item.kind == "contribution":
            _tally(self.no_ack_reasons, _short(decision.reason))


def _tally(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


def _short(reason: str) -> str:
    """The reason without its particulars (dates, ids), to group a run's decisions."""
    if reason.startswith("arrived "):
        return "backlog at first contact (older than ack.backlog_hours)"
    if "\\Answered" in reason:
        return "already answered by hand (\\Answered flag)"
    return reason.split(" (", 1)[0].split(":", 1)[0] if reason else "no reason recorded"


def poll_once(runtime, source=None, on_message: Callable[[WorkItem], None] | None = None) -> PollReport:
    """Register every new message of the source; each is marked processed only after its commit."""
    report = PollReport()
    own_source = source is None
    source = source or runtime.make_source()
    seen = RegisterSeen(runtime.session_factory, runtime.clock.now)
    try:
        def done(item: WorkItem) -> None:
            source.processed(item.fetched, item.attribution.route_folder)
            report.count(item)
            if on_message:
                on_message(item)

        try:
            _run_overlapped(runtime, _batches(source.fetch_new(seen)), done)
        finally:       # before any flush: a run over the limit sends none of its acknowledgements
            guard_burst(runtime, report)
        seen.save_cursors(source.name, source.cursor_updates(), runtime.clock.now())
        set_poll_state(runtime.session_factory, "last_poll", runtime.clock.now().isoformat(), runtime.clock.now())
    except SourceUnavailable as err:
        seen.save_cursors(source.name, source.cursor_updates(), runtime.clock.now())
        err.partial = report            # what was registered before the connection failed
        raise
    finally:
        if own_source:
            source.close()
    return report


def guard_burst(runtime, report: PollReport) -> None:
    """Burst guard: more acknowledgements than `ack.max_per_run` in one run are all held, not sent."""
    limit = runtime.settings.ack.max_per_run
    if report.acks_queued <= limit:
        return
    from mailbot.store.register import hold_burst

    reason = f"{report.acks_queued} acknowledgements in one run, more than max_per_run = {limit}"
    held = hold_burst(runtime.session_factory, report.ack_message_pks, reason, runtime.clock.now())
    report.burst = f"{reason}: {held} held (mailbot ack release --all to send them)"
    report.acks_queued -= held
    report.acks_held += held
    _tally(report.held_reasons, "burst guard: more than ack.max_per_run in one run")
    log.warning("burst guard: %s", report.burst)


def poll_with_retries(runtime, on_message: Callable[[WorkItem], None] | None = None,
                      sleep: Callable[[float], None] = time.sleep) -> PollReport:
    """poll_once, reconnecting with doubling waits while the server is down or drops the connection.

    Each attempt resumes from the register (nothing is fetched twice, nothing lost); after the last
    attempt the error says how often it was tried."""
    from mailbot.sources.imap import backoff_delays

    imap = runtime.settings.imap
    attempts = imap.reconnect_attempts if runtime.settings.uses_imap else 1
    delays = backoff_delays(attempts, imap.reconnect_delay_seconds)
    total = PollReport()
    for attempt in range(attempts):
        try:
            _add(total, poll_once(runtime, on_message=on_message))
            return total
        except SourceUnavailable as err:
            _add(total, getattr(err, "partial", None))
            if attempt == attempts - 1:
                final = SourceUnavailable(f"the mailbox stayed unavailable after {attempts} attempt(s); "
                                          f"nothing was lost, the next run resumes: {err}")
                final.partial = total
                record_failed_poll(runtime, final)
                raise final from err
            log.warning("mailbox unavailable (attempt %d of %d): %s; retrying in %.1f s",
                        attempt + 1, attempts, err, delays[attempt])
            sleep(delays[attempt])
        except SourceError as err:      # refused (login, OAuth2 token, STARTTLS, folder): no retry helps
            err.partial = total
            record_failed_poll(runtime, err)
            raise
    return total


def record_failed_poll(runtime, err: Exception) -> None:
    """`status` and the digest show it: "<ISO instant> <reason>" under the name last_failed_poll."""
    now = runtime.clock.now()
    set_poll_state(runtime.session_factory, "last_failed_poll", f"{now.isoformat()} {err}", now)


def _add(total: PollReport, part: PollReport | None) -> None:
    if part is None:
        return
    total.registered += part.registered
    total.failed += part.failed
    total.acks_queued += part.acks_queued
    total.acks_held += part.acks_held
    total.ack_message_pks += part.ack_message_pks
    total.burst = total.burst or part.burst
    for reasons, parts in ((total.held_reasons, part.held_reasons), (total.no_ack_reasons, part.no_ack_reasons)):
        for reason, number in parts.items():
            reasons[reason] = reasons.get(reason, 0) + number
    total.duplicates += part.duplicates
    total.skipped += part.skipped
    for kind, number in part.kinds.items():
        total.kinds[kind] = total.kinds.get(kind, 0) + number
