"""Bench 9: the worker as a service (issue 21). On a 2,000-message backlog (one in ten with a
2-page docx): `mailbot run`'s time to the first receipt and receipts per second; then, on a second
backlog, SIGKILL to the process group mid-poll and a restart: time from the restart to the next receipt."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPO_ROOT, Row, bench_args, env_for, fill_maildir, finish, load_note, mailbot_cmd, servers, state_dir  # noqa: E402,E501
from bench.mailgen import document_message, plain_message  # noqa: E402

TARGET_FIRST_RECEIPT = 10.0       # seconds, on a 2,000-message backlog
TARGET_AFTER_RESTART = 10.0


def backlog(count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    return [document_message(number, rng, "docx", 2) if number % 10 == 0 else plain_message(number, rng)
            for number in range(count)]


def start(env: dict[str, str], log_path: Path) -> subprocess.Popen:
    with open(log_path, "ab") as log_file:
        return subprocess.Popen(mailbot_cmd("run"), env=env, cwd=REPO_ROOT, stdout=log_file,
                                stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(sink, count: int, timeout: float) -> float | None:
    """time.time() of the count-th arrival, or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(sink.arrivals) >= count:
            return sink.arrivals[count - 1][0]
        time.sleep(0.01)
    return None


def first_receipt_and_rate(dovecot, sink, count: int) -> list[Row]:
    account = dovecot.new_user("service")
    account.create_folder("INBOX")
    fill_maildir(dovecot, account, backlog(count, 9))
    state = state_dir("service")
    env = env_for(state, account, sink, MAILBOT_SCHEDULE_POLL_MINUTES="60")
    started = time.time()
    worker = start(env, state.parent / f"{state.name}.log")
    try:
        first = wait_for(sink, 1, 300)
        last = wait_for(sink, count, 1800)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)
    if first is None or last is None:
        return [Row("9 service: 2,000 backlog", f"{len(sink.arrivals)} receipts only", verdict="FAIL")]
    rate = (count - 1) / max(1e-9, last - first)
    to_first = first - started
    return [Row.judged(f"9 service: first receipt, {count} backlog (`run`, from start)", f"{to_first:.1f} s",
                       "-", "-", f"< {TARGET_FIRST_RECEIPT:.0f} s", to_first < TARGET_FIRST_RECEIPT),
            Row(f"9 service: receipts per second, {count} backlog", f"{rate:.1f}/s (last at {last - started:.1f} s)",
                verdict="info")]


def restart_to_next_receipt(dovecot, sink, count: int) -> list[Row]:
    sink.arrivals.clear()
    account = dovecot.new_user("restart")
    account.create_folder("INBOX")
    fill_maildir(dovecot, account, backlog(count, 10))
    state = state_dir("restart")
    env = env_for(state, account, sink, MAILBOT_SCHEDULE_POLL_MINUTES="60")
    log_path = state.parent / f"{state.name}.log"
    worker = start(env, log_path)
    wait_for(sink, count // 4, 600)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(30)
    before = len(sink.arrivals)
    restarted = time.time()
    worker = start(env, log_path)
    try:
        after = wait_for(sink, before + 1, 300)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)
    if after is None:
        return [Row("9 service: SIGKILL + restart to the next receipt", "no receipt", verdict="FAIL")]
    gap = after - restarted
    return [Row.judged("9 service: SIGKILL mid-poll, restart to the next receipt", f"{gap:.1f} s", "-", "-",
                       f"< {TARGET_AFTER_RESTART:.0f} s", gap < TARGET_AFTER_RESTART)]


def main() -> None:
    args = bench_args(__doc__, messages=(2000, "backlog size"))
    with servers(timed_sink=True) as (dovecot, sink):
        rows = first_receipt_and_rate(dovecot, sink, args.messages)
        rows += restart_to_next_receipt(dovecot, sink, args.messages // 2)
    finish(rows, f"Bench 9: the worker as a service ({load_note()})", args.results)


if __name__ == "__main__":
    main()
