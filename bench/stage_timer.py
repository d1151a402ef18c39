"""Run `mailbot run --once` with each pipeline stage and delivery step timed on the poll's own thread.

Started by bench/stage_cpu.py as `python bench/stage_timer.py OUT.json`, with mailbot's environment.
Each named function is wrapped to add up its thread CPU (`time.thread_time`) and its wall time; at
exit the totals, the main thread's CPU and every other thread's CPU (from /proc) go to OUT.json.
The difference between a step's wall and CPU time is time the poll's thread waited: on SQLite, on
a socket, or on the GIL while another thread of the process ran. Nested steps overlap (a stage
includes its steps); a name no longer in the code is reported as missing, not silently skipped.
"""
from __future__ import annotations

import atexit
import functools
import importlib
import json
import os
import runpy
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

# (label, module, attribute path): what is timed, on the poll's thread only.
TIMED = (
    ("delivery: step after a commit", "mailbot.worker", "ReceiptSender.nudge"),
    ("delivery: before a wait", "mailbot.worker", "ReceiptSender.idle"),
    ("delivery: final flush", "mailbot.outbox.deliver", "deliver_due"),
    ("  claim the next due row", "mailbot.outbox.deliver", "claim_next"),
    ("  record an outcome", "mailbot.outbox.deliver", "record_outcome"),
    ("acknowledge: daily cap", "mailbot.pipeline.acknowledge", "_daily_cap"),
    ("record: acknowledgement row", "mailbot.pipeline.record", "_queue_ack"),
    ("  render (build)", "mailbot.pipeline.acknowledge", "build"),
    ("  compose", "mailbot.outbox.queue", "compose"),
    ("  outbox insert", "mailbot.outbox.queue", "insert_once"),
    ("record: full-text rows", "mailbot.pipeline.record", "_index_text"),
    ("record: receipt number", "mailbot.pipeline.record", "_next_reference"),
    ("record: ORM flushes", "sqlalchemy.orm", "Session.flush"),
    ("record: ORM commits", "sqlalchemy.orm", "Session.commit"),
    ("record: Message() object", "mailbot.store.models", "Message.__init__"),
    ("in-hand book: take", "mailbot.inhand", "InHandBook.take"),
    ("wait for a ready message", "mailbot.worker", "_Feed.next"),
)
# Where a module imported the function by name, that name is rebound too.
ALIASES = {"claim_next": ("mailbot.worker",), "record_outcome": ("mailbot.worker",)}

totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
main_ident = threading.main_thread().ident


def _timed(label, function):
    """`function`, its calls on the poll's thread added to `totals` under `label` (a string, or a
    function of the call's arguments giving one)."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if threading.get_ident() != main_ident:
            return function(*args, **kwargs)
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            entry = totals[label(*args) if callable(label) else label]
            entry[0] += time.thread_time() - cpu
            entry[1] += time.perf_counter() - wall
            entry[2] += 1
    return wrapper


def _wrap_stages() -> None:
    """Every stage of the pipeline, by its name in the stage table."""
    import mailbot.pipeline as pipeline

    pipeline._run_stage = _timed(lambda stage, *_rest: f"stage {stage.name}", pipeline._run_stage)


def _wrap(missing: list[str]) -> None:
    for label, module_name, path in TIMED:
        module = importlib.import_module(module_name)
        owner_name, _, attribute = path.rpartition(".")
        owner = getattr(module, owner_name, None) if owner_name else module
        if owner is None or not hasattr(owner, attribute):
            missing.append(f"{module_name}.{path}")
            continue
        wrapped = _timed(label, getattr(owner, attribute))
        setattr(owner, attribute, wrapped)
        if not owner_name:
            for alias_module in ALIASES.get(attribute, ()):
                target = importlib.import_module(alias_module)
                if hasattr(target, attribute):
                    setattr(target, attribute, wrapped)


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of each live thread of this process, by thread name (digits dropped)."""
    names = {thread.native_id: thread.name for thread in threading.enumerate()}
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[str, float] = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = names.get(int(tid), "other").rstrip("0123456789_")
        found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return found


def main() -> None:
    out = Path(sys.argv[1])
    seen: dict[str, float] = {}

    def watch() -> None:            # threads that end before the exit are read while they live
        while True:
            for name, cpu in _thread_cpu().items():
                seen[name] = max(seen.get(name, 0.0), cpu)
            time.sleep(0.1)

    threading.Thread(target=watch, name="timer-watch", daemon=True).start()
    missing: list[str] = []
    _wrap_stages()
    _wrap(missing)

    def report() -> None:
        threads = {name: cpu for name, cpu in seen.items() if name not in ("timer-watch", "MainThread")}
        out.write_text(json.dumps({"main_cpu": time.thread_time(), "steps": totals, "threads": threads,
                                   "missing": missing}))

    atexit.register(report)
    sys.argv = ["mailbot", "run", "--once"]
    runpy.run_module("mailbot", run_name="__main__")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
