"""A pool of extraction workers that survives its workers: a stuck or killed one is replaced.

Each document gets a wall-clock deadline (enforced here), a CPU budget and a memory ceiling
(enforced in the worker by setrlimit).  Workers come from a fork server started on first use,
so `mailbot run --once` with nothing to extract never pays for it.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait

from mailbot.extraction.worker import READY, WorkerConfig, serve
from parsers.types import ExtractResult

Job = tuple[str, bytes, str, str | None]          # key, data, sniffed type, filename
PRELOAD = ["mailbot.extraction.preload"]     # the worker and its usual readers, once for all workers
STOP_GRACE_SECONDS = 2.0
READY_SECONDS = 60.0              # a fresh worker says it is ready within this (the fork server may start first)
START_FAILURES = 3                # failed starts in a row before the pool backs off
BACKOFF_SECONDS = (30.0, 600.0)   # first wait, then doubled up to the second
FEED_WAIT_SECONDS = 0.05          # streaming: how long a wait for results may keep new jobs waiting

log = logging.getLogger("mailbot.extraction")


@dataclass
class _Worker:
    process: multiprocessing.Process
    connection: object
    job_key: str | None = None
    deadline: float = 0.0


class WorkerPool:
    """Runs jobs on up to `size` worker processes; one result per job, whatever happens to workers."""

    def __init__(self, size: int, config: WorkerConfig, timeout_seconds: float, preload: list[str] | None = None):
        self.size = max(1, size)
        self.config = config
        self.timeout_seconds = timeout_seconds
        self._context = fork_context(preload)
        self._workers: list[_Worker] = []
        self.replaced = 0                 # workers killed or died and replaced (for tests/metrics)
        self.target = serve               # the worker's main function (tests give one that cannot start)
        self.start_failures = 0           # failed starts in a row
        self.unavailable = ""             # why workers cannot start, while backing off
        self._retry_at = 0.0
        self._backoff = BACKOFF_SECONDS[0]

    def run(self, jobs: list[Job]) -> dict[str, ExtractResult]:
        pending = deque(jobs)
        results: dict[str, ExtractResult] = {}
        while pending or self._busy():
            self._dispatch(pending)
            if pending and not self._workers and self._backing_off():
                while pending:            # no worker can start: each document says so, none is lost
                    results[pending.popleft()[0]] = _not_started_result(self.unavailable)
            self._collect(results)
        return results

    def stream(self, more, on_result, stopped) -> None:
        """Like `run`, fed as it goes: `more(block)` gives new jobs ([] for none yet, None when no more
        will come); each result goes to `on_result(key, result)` the moment it is in. Returns when
        everything fed is done, or at once when `stopped()` (busy workers are killed by `close`)."""
        pending: deque = deque()
        closed = False
        while not stopped():
            if not closed:
                jobs = more(not pending and not self._busy())
                if jobs is None:
                    closed = True
                else:
                    pending.extend(sorted(jobs, key=lambda job: len(job[1]), reverse=True))
            if closed and not pending and not self._busy():
                return
            self._dispatch(pending)
            results: dict[str, ExtractResult] = {}
            if pending and not self._workers and self._backing_off():
                while pending:
                    results[pending.popleft()[0]] = _not_started_result(self.unavailable)
            self._collect(results, max_wait=None if closed else FEED_WAIT_SECONDS)
            for key, result in results.items():
                on_result(key, result)

    def _backing_off(self) -> bool:
        return bool(self.unavailable) and time.monotonic() < self._retry_at

    def close(self) -> None:
        for worker in self._workers:
            try:
                worker.connection.close()
            except OSError:
                pass
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                _kill_group(worker.process)
                worker.process.join(1.0)
        self._workers.clear()

    def _busy(self) -> list[_Worker]:
        return [worker for worker in self._workers if worker.job_key is not None]

    def _dispatch(self, pending: deque) -> None:
        while pending:
            worker = self._idle_worker()
            if worker is None:
                return
            key, data, sniffed_type, filename = pending.popleft()
            worker.job_key = key
            worker.deadline = time.monotonic() + self.timeout_seconds
            try:
                worker.connection.send((data, sniffed_type, filename))
            except (BrokenPipeError, OSError):
                pending.appendleft((key, data, sniffed_type, filename))
                self._discard(worker)

    def _idle_worker(self) -> _Worker | None:
        for worker in self._workers:
            if worker.job_key is None:
                return worker
        if len(self._workers) < self.size:
            return self._start_worker()
        return None

    def _start_worker(self) -> _Worker | None:
        """A new worker that said it is ready; None when it could not start (counted, then backed off)."""
        if self._backing_off():
            return None
        parent_end, child_end = self._context.Pipe(duplex=True)
        process, why = None, ""
        try:
            process = self._context.Process(target=self.target, args=(child_end, self.config),
                                             name="mailbot-extract", daemon=True)
            process.start()
            child_end.close()
            ready = parent_end.poll(READY_SECONDS) and parent_end.recv() == READY
        except EOFError:                  # it ended before saying it was ready: its exit code says more
            ready = False
        except (OSError, ValueError) as err:
            ready, why = False, f"{type(err).__name__}: {err}".rstrip(": ")
        if not ready:
            if process is not None and process.pid is not None:
                _kill_group(process)
                process.join(1.0)
                why = why or f"the worker process ended at once (exit code {process.exitcode})"
            parent_end.close()
            self._start_failed(why or "no worker process")
            return None
        self.start_failures, self.unavailable, self._backoff = 0, "", BACKOFF_SECONDS[0]
        worker = _Worker(process=process, connection=parent_end)
        self._workers.append(worker)
        return worker

    def _start_failed(self, why: str) -> None:
        """Count a failed start; after a few in a row, stop trying for a while and say so once."""
        self.start_failures += 1
        if self.start_failures < START_FAILURES:
            return
        if not self.unavailable:
            log.error("extraction workers cannot start (%s); documents are marked timeout and read again "
                      "at a later run; next try in %.0f s", why, self._backoff)
        self.unavailable = why
        self._retry_at = time.monotonic() + self._backoff
        self._backoff = min(self._backoff * 2, BACKOFF_SECONDS[1])
        self.start_failures = 0

    def _collect(self, results: dict[str, ExtractResult], max_wait: float | None = None) -> None:
        busy = self._busy()
        if not busy:
            return
        nearest = min(worker.deadline for worker in busy)
        timeout = max(0.0, nearest - time.monotonic())
        handles = [worker.connection for worker in busy] + [worker.process.sentinel for worker in busy]
        ready = set(wait(handles, timeout=timeout if max_wait is None else min(timeout, max_wait)))
        now = time.monotonic()
        for worker in busy:
            if worker.connection in ready or worker.process.sentinel in ready:
                self._receive(worker, results)
            elif now >= worker.deadline:
                results[worker.job_key] = _timeout_result(self.timeout_seconds)
                self._discard(worker)

    def _receive(self, worker: _Worker, results: dict[str, ExtractResult]) -> None:
        key = worker.job_key
        try:
            if worker.connection.poll():
                results[key] = worker.connection.recv()
                worker.job_key = None
                return
        except (EOFError, OSError):
            pass
        worker.process.join(1.0)
        results[key] = _death_result(worker.process.exitcode, self.timeout_seconds)
        self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        """Kill the worker (and its converters) and forget it; the next dispatch starts a fresh one."""
        _kill_group(worker.process)
        worker.process.join(1.0)
        try:
            worker.connection.close()
        except OSError:
            pass
        self._workers.remove(worker)
        self.replaced += 1


def start_fork_server(preload: list[str] | None = None) -> None:
    """Start the fork server now, in its own process, without waiting for it: it loads the readers
    (most of a worker's start) while this process goes on, and the first worker forks at once."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        fork_context(preload)
        from multiprocessing import forkserver

        forkserver.ensure_running()


def fork_context(preload: list[str] | None = None):
    """Fork server on POSIX: workers fork from a clean, preloaded process, not from our threads
    (`preload`: also the modules of the caller's after-read step). The fork server is one per
    process and takes its preload list when it starts: every user must pass the same list."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD + list(preload or ()))
        return context
    return multiprocessing.get_context("spawn")


def _kill_group(process: multiprocessing.Process) -> None:
    if process.pid is None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            process.kill()
        except (ProcessLookupError, AttributeError):
            pass


def _timeout_result(seconds: float) -> ExtractResult:
    return ExtractResult(status="timeout", reason=f"Reading the document took longer than {seconds:.0f} "
                                                  "seconds and was stopped; open it by hand.")


def _not_started_result(why: str) -> ExtractResult:
    return ExtractResult(status="timeout", reason=f"The document was not read: the extraction worker could "
                                                  f"not start ({why}). It is read again at a later run.")


def _death_result(exitcode: int | None, seconds: float) -> ExtractResult:
    """A worker that died mid-document: CPU limit -> timeout, killed -> too_large, else corrupt."""
    if exitcode == -signal.SIGXCPU:
        return ExtractResult(status="timeout", reason="Reading the document used more than its CPU "
                                                      "allowance and was stopped; open it by hand.")
    if exitcode == -signal.SIGKILL:        # the kernel's OOM killer, the usual outside killer
        return ExtractResult(status="too_large", reason="Reading the document needed more memory than "
                                                        "allowed and was stopped; open it by hand.")
    return ExtractResult(status="corrupt", reason="The document made the reader crash; it is probably "
                                                  "damaged. Ask the sender to send it again.")
