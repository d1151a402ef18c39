"""One poll: fetch what is new, run each message through the pipeline, then flush the outbox."""
from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from mailbot.errors import SourceError, SourceUnavailable
from mailbot.inhand import POISON_REASON, InHandBook, header_identity
from mailbot.kinds import AckOutcome, Kind, OutboxStatus
from mailbot.outbox.deliver import Claimed, DeliveryReport, claim_next, record_outcome, send_claimed
from mailbot.outbox.steps import OutboxSteps
from mailbot.pipeline import BatchRun, store_raw
from mailbot.pipeline.record import commit_set_aside
from mailbot.sources.imap import backoff_delays
from mailbot.store.register import RegisterSeen, hold_burst, set_poll_state
from mailbot.workitem import WorkItem, no_ack

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

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


# Messages held at once beyond a batch: one slow document may hold its own message this long
# while the messages behind it go on to their commits.
LOOKAHEAD_MESSAGES = 2 * BATCH_MESSAGES
_END = object()


class _Feed:
    """The batch stage (extraction) in its own thread, fed message groups as they are read; a
    message comes out as soon as its own documents are read, in the order they are ready."""

    def __init__(self, runtime: Runtime, stages: BatchRun):
        self.runtime, self.stages = runtime, stages
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._ready: queue.SimpleQueue = queue.SimpleQueue()
        self._abort = threading.Event()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="extract", daemon=True)
        self._thread.start()

    def submit(self, items: list[WorkItem]) -> None:
        self._inbox.put(items)

    def next(self, timeout: float) -> WorkItem | None:
        """The next ready message; None after `timeout`, once a stop is asked for, or at the end."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                item = self._ready.get(timeout=max(0.0, min(0.2, deadline - time.monotonic())))
            except queue.Empty:
                if self.runtime.stop.requested or time.monotonic() >= deadline:
                    return None
                continue
            if item is _END:
                self._raise()
                return None
            return item

    def ready_now(self) -> list[WorkItem]:
        items: list[WorkItem] = []
        while True:
            try:
                item = self._ready.get_nowait()
            except queue.Empty:
                return items
            if item is not _END:
                items.append(item)

    def close(self, abort: bool = False) -> None:
        """No more input; with abort, the documents still being read are dropped (read next time)."""
        if abort:
            self._abort.set()
        self._inbox.put(None)
        self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def _stopped(self) -> bool:
        return self._abort.is_set() or self.runtime.stop.requested

    def _next_items(self, block: bool):
        try:
            return self._inbox.get(timeout=0.1) if block else self._inbox.get_nowait()
        except queue.Empty:
            return []

    def _work(self) -> None:
        try:
            self.stages.stream(self._next_items, self._ready.put, self.runtime, self._stopped)
        except BaseException as err:  # noqa: BLE001 - handed to the poll's thread, which raises it
            self.error = err
        finally:
            self._ready.put(_END)


class ReceiptSender:
    """Delivers what the commits queued while the poll goes on (`may_send` false: the outbox waits
    for the poll's end). The register's part of a delivery, the claim of the row and the record of
    its outcome, runs in the poll's own thread between commits; only the SMTP handoff runs on a
    second thread, so its round trips overlap the next message's work. (A delivery thread that
    wrote to the register itself waited on the commits' write lock, a millisecond or more a wait.)
    One row is in flight at a time and its outcome is recorded before the next is handed over (the
    outcome is written, then committed with the next row's claim: one commit a receipt): a crash
    still costs at most the one receipt whose handoff was not recorded (resent once, said so)."""

    def __init__(self, runtime: Runtime, may_send: Callable[[], bool]):
        self.runtime, self.may_send = runtime, may_send
        self._on: bool | None = None      # decided at the first commit; off for good after a failure
        self._report = DeliveryReport()
        self._steps: OutboxSteps | None = None
        self._after_id = 0                # rows are taken in id order, each tried once a poll
        self._in_flight: Claimed | None = None
        self._result: tuple[dict, bool] | BaseException | None = None
        self._handed, self._done = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def sent(self) -> int:
        return self._report.sent

    def nudge(self) -> None:
        """A commit queued mail: record the handoff that ended, hand over the next row."""
        if self._on is None:
            self._on = self.may_send()
        if self._on:
            self._step()

    def idle(self) -> None:
        """The poll is about to wait (for a slow document): deliver everything due first."""
        while self._on and (self._in_flight is not None or self._step()):
            self._done.wait()
            self._step()

    def close(self) -> None:
        """Record the handoff under way; the rest goes with the poll's final flush."""
        try:
            if self._in_flight is not None:
                self._done.wait()
                self._finish()
            if self._steps is not None:
                self._steps.end()             # the last outcome
        finally:
            self._on = False
            if self._thread is not None:
                self._handed.set()            # nothing in flight: the thread ends
                self._thread.join()
                close = getattr(self.runtime.transport, "close", None)
                if close:
                    close()
            if self._steps is not None:
                self._steps.connection.close()

    def _step(self) -> bool:
        """One step; True when a row is now in flight."""
        if self._in_flight is not None:
            if not self._done.is_set():
                return True
            self._finish()
            if not self._on:
                self._book().end()      # the outcome, now: nothing follows
                return False
        # The claim's commit also makes the outcome just recorded durable: one commit a receipt.
        claimed, self._after_id = claim_next(self._book(), self.runtime.clock.now(), self._after_id, self._report)
        if claimed is None:
            return False
        self._hand(claimed)
        return True

    def _book(self) -> OutboxSteps:
        """The delivery steps' connection, opened at the first step."""
        if self._steps is None:
            self._steps = OutboxSteps(self.runtime.engine.connect())
        return self._steps

    def _hand(self, claimed: Claimed) -> None:
        self._in_flight, self._result = claimed, None
        self._done.clear()
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="receipts", daemon=True)
            self._thread.start()
        self._handed.set()

    def _finish(self) -> None:
        claimed, result = self._in_flight, self._result
        self._in_flight = None
        if isinstance(result, BaseException):
            self._on = False
            raise result               # a fault hook's crash, or a bug: as if the handoff ran here
        assert claimed is not None and result is not None
        outcome, server_available = result
        record_outcome(self._book(), claimed, outcome)   # committed by the step's next claim or its end
        if outcome.get("status") == OutboxStatus.SENT:
            self.runtime.stop.tally.receipts_sent += 1
        if not server_available:        # the server is down: the poll's end (and the outbox job) retry
            log.warning("delivering during the poll stopped: %s; the rest waits for the poll's end",
                        self._report.unavailable)
            self._on = False

    def _work(self) -> None:
        """The handoff thread: send what is handed over, until handed nothing."""
        while True:
            self._handed.wait()
            self._handed.clear()
            claimed = self._in_flight
            if claimed is None:
                return
            try:
                self._result = send_claimed(self.runtime, claimed, self._report)
            except BaseException as err:  # noqa: BLE001 - raised again in the poll's thread
                self._result = err
            self._done.set()


class _InFlight:
    """Messages between their reading and their commit. They commit in arrival order, except that
    a message still waiting for its documents after PATIENCE_SECONDS lets the ready ones behind it
    pass (so one slow document holds only its own message)."""

    PATIENCE_SECONDS = 5.0

    def __init__(self, feed: _Feed, commit: Callable[[WorkItem], None], idle: Callable[[], None]):
        self.feed, self.commit, self.idle = feed, commit, idle
        self._order: deque[tuple[WorkItem, float]] = deque()
        self._ready: set[int] = set()

    def __len__(self) -> int:
        return len(self._order)

    def add(self, items: list[WorkItem]) -> None:
        now = time.monotonic()
        self._order.extend((item, now) for item in items)

    def settle(self, limit: int, stop) -> None:
        """Commit what may commit; wait while more than `limit` are in flight (and no stop)."""
        while True:
            for item in self.feed.ready_now():
                self._ready.add(id(item))
            self._commit_ready()
            if len(self._order) <= limit or stop.requested:
                return
            waited = time.monotonic() - self._order[0][1]
            self.idle()
            arrived = self.feed.next(max(0.05, self.PATIENCE_SECONDS - waited))
            if arrived is not None:
                self._ready.add(id(arrived))

    def commit_ready(self) -> None:
        """At a stop: every ready message commits, whatever its place."""
        for item in self.feed.ready_now():
            self._ready.add(id(item))
        self._commit_ready(in_order=False)

    def _commit_ready(self, in_order: bool = True) -> None:
        while self._order and id(self._order[0][0]) in self._ready:
            self._commit_first()
        if self._order and (not in_order or time.monotonic() - self._order[0][1] >= self.PATIENCE_SECONDS):
            for entry in [entry for entry in self._order if id(entry[0]) in self._ready]:
                self._order.remove(entry)
                self._ready.discard(id(entry[0]))
                self.commit(entry[0])

    def _commit_first(self) -> None:
        item, _since = self._order.popleft()
        self._ready.discard(id(item))
        self.commit(item)


def _run_streaming(runtime: Runtime, batches, hand: InHandBook, done: Callable[[WorkItem], None],
                   set_aside: Callable, idle: Callable[[], None] = lambda: None) -> None:
    """Read, then hand each group to the extraction thread and commit messages as they come out of
    it; suspects (in hand at an earlier crash) go alone, poison is set aside. On a stop, what is
    ready commits and the rest is abandoned, to be read again."""
    stages = BatchRun()
    stop = runtime.stop
    feed = _Feed(runtime, stages)
    flight = _InFlight(feed, lambda item: stages.tail([item], runtime, done), idle)
    clean = False
    try:
        for batch in batches:
            if stop.requested:
                break
            sorted_batch = hand.sort(batch)
            for fetched in sorted_batch.poison:
                set_aside(fetched)
            groups = [(sorted_batch.ordinary, False)] + [([fetched], True) for fetched in sorted_batch.suspects]
            for group, alone in groups:
                if not group or stop.requested:
                    continue
                if alone:
                    flight.settle(0, stop)
                hand.take(group)
                stop.tally.in_hand = hand.count
                items = [WorkItem(fetched=fetched, now=runtime.clock.now()) for fetched in group]
                stages.head(items, runtime)
                feed.submit(items)
                flight.add(items)
                flight.settle(0 if alone else LOOKAHEAD_MESSAGES, stop)
        flight.settle(0, stop)
        clean = True
    finally:
        feed.close(abort=not clean or stop.requested)
    flight.commit_ready()           # a stop: what is ready still commits


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
    sent: int = 0                                            # outbox rows delivered during the poll
    left: int = 0                          # in hand at a stop, not committed: read again next time

    def count(self, item: WorkItem) -> None:
        """Add one recorded message and its acknowledgement decision."""
        self.failed += bool(item.failures)
        if item.copy_of is not None:           # the same bytes again: not a new register row
            self.duplicates.append(item.copy_of)
            return
        if item.record_pk is None:
            self.skipped += 1
            return
        self.registered += 1
        self.kinds[item.kind or Kind.OTHER] = self.kinds.get(item.kind or Kind.OTHER, 0) + 1
        decision = item.ack
        if decision.outcome is AckOutcome.SEND:
            self.acks_queued += 1
            if item.record_pk is not None:
                self.ack_message_pks.append(item.record_pk)
        elif decision.outcome is AckOutcome.HELD:
            self.acks_held += 1
            _tally(self.held_reasons, _short(decision.reason))
        elif item.kind == Kind.CONTRIBUTION:
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


def poll_once(runtime: Runtime, source=None, on_message: Callable[[WorkItem], None] | None = None,
              deliver: bool = False) -> PollReport:
    """Register every new message of the source; each is marked processed only after its commit.

    With `deliver`, receipts leave while the poll goes on, when the burst guard cannot hold them
    (the source says how many messages are new, and they are no more than `ack.max_per_run`)."""
    report = PollReport()
    own_source = source is None
    source = source or runtime.make_source()
    seen = RegisterSeen(runtime.session_factory, runtime.clock.now)
    hand = InHandBook(runtime)
    tally = runtime.stop.tally
    sender = ReceiptSender(runtime, lambda: deliver and _within_burst_limit(runtime, source))
    try:
        hand.recover()

        def done(item: WorkItem) -> None:
            source.processed(item.fetched, item.attribution.route_folder)
            hand.release([item.fetched])
            report.count(item)
            tally.registered += item.record_pk is not None and item.copy_of is None
            tally.in_hand = hand.count
            if item.record_pk is not None:
                sender.nudge()
            if on_message:
                on_message(item)

        def set_aside(fetched) -> None:
            done(_set_aside(runtime, fetched))

        try:
            _run_streaming(runtime, _batches(source.fetch_new(seen)), hand, done, set_aside, sender.idle)
        finally:       # before any flush: a run over the limit sends none of its acknowledgements
            sender.close()
            report.sent = sender.sent
            guard_burst(runtime, report)
            report.left = hand.release_all()
            tally.left += report.left
            tally.in_hand = 0
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


def _within_burst_limit(runtime: Runtime, source) -> bool:
    """Whether this run cannot exceed the burst guard's limit: no more new messages than it."""
    new = getattr(source, "new_count", None)
    return new is not None and new <= runtime.settings.ack.max_per_run


def _set_aside(runtime: Runtime, fetched) -> WorkItem:
    """A poison message: its raw bytes kept, a register row from its headers, for review, no receipt."""
    item = WorkItem(fetched=fetched, now=runtime.clock.now())
    store_raw.run(item, runtime)
    item.failures.append(("worker", POISON_REASON))
    message_id, subject = header_identity(fetched.raw)
    commit_set_aside(item, runtime, POISON_REASON, f"<{message_id}>" if message_id else None, subject)
    item.ack = no_ack(f"not acknowledged: {POISON_REASON}")
    log.error("set aside %s (Message-ID %s): %s; mailbot reprocess %s tries it again",
              fetched.source_key, message_id or "none", POISON_REASON, item.record_pk)
    return item


def guard_burst(runtime: Runtime, report: PollReport) -> None:
    """Burst guard: more acknowledgements than `ack.max_per_run` in one run are all held, not sent."""
    limit = runtime.settings.ack.max_per_run
    if report.acks_queued <= limit:
        return

    reason = f"{report.acks_queued} acknowledgements in one run, more than max_per_run = {limit}"
    held = hold_burst(runtime.session_factory, report.ack_message_pks, reason, runtime.clock.now())
    report.burst = f"{reason}: {held} held (mailbot ack release --all to send them)"
    report.acks_queued -= held
    report.acks_held += held
    _tally(report.held_reasons, "burst guard: more than ack.max_per_run in one run")
    log.warning("burst guard: %s", report.burst)


def poll_with_retries(runtime: Runtime, on_message: Callable[[WorkItem], None] | None = None,
                      sleep: Callable[[float], None] = time.sleep, deliver: bool = False) -> PollReport:
    """poll_once, reconnecting with doubling waits while the server is down or drops the connection.

    Each attempt resumes from the register (nothing is fetched twice, nothing lost); after the last
    attempt the error says how often it was tried."""

    imap = runtime.settings.imap
    attempts = imap.reconnect_attempts if runtime.settings.uses_imap else 1
    delays = backoff_delays(attempts, imap.reconnect_delay_seconds)
    total = PollReport()
    for attempt in range(attempts):
        try:
            _add(total, poll_once(runtime, on_message=on_message, deliver=deliver))
            return total
        except SourceUnavailable as err:
            _add(total, getattr(err, "partial", None))
            if attempt == attempts - 1 or runtime.stop.requested:
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


def record_failed_poll(runtime: Runtime, err: Exception) -> None:
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
    total.sent += part.sent
    total.left += part.left
    for kind, number in part.kinds.items():
        total.kinds[kind] = total.kinds.get(kind, 0) + number
