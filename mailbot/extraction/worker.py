"""One extraction worker process: own process group, memory and per-document CPU limits, a job loop."""
from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from typing import Callable

from mailbot.faults import slow_document
from parsers.documents import Limits, extract_document, reasons
from parsers.types import ExtractResult


READY = "ready"


@dataclass(frozen=True)
class WorkerConfig:
    limits: Limits
    memory_mb: int
    cpu_seconds: int
    # The caller's step on each result, here under the same limits, in parallel (mailbot: the
    # authorship findings of the text, so the main process does not read it again); picklable.
    after_read: Callable[[ExtractResult], ExtractResult] | None = None


def fork_preload(after_read) -> list[str]:
    """What the fork server loads for the after-read step (the step, or its class): its `preload`, else its module."""
    if after_read is None:
        return []
    kind = after_read if isinstance(after_read, type) else type(after_read)
    return [getattr(after_read, "preload", kind.__module__)]


def serve(connection, config: WorkerConfig) -> None:
    """Receive (data, sniffed_type, filename) jobs until the parent closes the pipe."""
    os.setpgid(0, 0)          # the parent kills the whole group: converters die with their worker
    _limit_memory(config.memory_mb)
    connection.send(READY)    # started: from here on a death is the document's doing, not the start's
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        data, sniffed_type, filename = job
        _limit_cpu(config.cpu_seconds)
        slow_document(filename)
        result = _after_read(config.after_read, _extract(data, sniffed_type, filename, config.limits))
        try:
            connection.send(result)
        except (BrokenPipeError, OSError):    # the parent is gone (stopped or killed): end quietly
            return


def _extract(data: bytes, sniffed_type: str, filename: str | None, limits: Limits) -> ExtractResult:
    try:
        return extract_document(data, sniffed_type=sniffed_type, filename=filename, limits=limits)
    except MemoryError:
        return ExtractResult(status="too_large", reason=reasons.too_large(
            "Reading the file needed more memory than allowed"))


def _after_read(step, result: ExtractResult) -> ExtractResult:
    """The result with what `step` added; as it was read when the step fails (the caller then does
    that work itself: the document's result never depends on the step)."""
    if step is None:
        return result
    try:
        return step(result)
    except Exception:  # noqa: BLE001 - MemoryError too: the text is kept, the step's work is not
        return result


def _limit_memory(memory_mb: int) -> None:
    """RLIMIT_AS: an allocation past it raises MemoryError here instead of exhausting the host."""
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _limit_cpu(cpu_seconds: int) -> None:
    """RLIMIT_CPU counts the process's whole life, so each job gets 'used so far + its budget'."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + cpu_seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
