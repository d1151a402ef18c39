"""Bench 6: arrival to acknowledgement under `mailbot run` (IMAP IDLE): APPEND N messages with a
10-page docx, one per second; time from APPEND to the acknowledgement reaching the SMTP sink."""
from __future__ import annotations

import email
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (REPO_ROOT, Row, bench_args, env_for, finish, load_note, mailbot_cmd,  # noqa: E402
                          percentile, servers, state_dir)
from bench.mailgen import document_message, message_id_of  # noqa: E402

TARGET_P95 = 5.0


def wait_until_running(process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    """Until the worker has done its first poll and its IDLE watcher is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mailbot run exited {process.returncode}: {log_path.read_text()[-2000:]}")
        if "mailbot running" in log_path.read_text(errors="replace"):
            time.sleep(2.0)           # the first poll (nothing to do) and the IDLE connection
            return
        time.sleep(0.1)
    raise RuntimeError("mailbot run did not start in time")


def append_paced(account, raws: list[bytes], interval: float) -> dict[str, float]:
    """APPEND each message `interval` seconds apart on one connection; Message-ID -> time sent."""
    appended: dict[str, float] = {}
    with account.session() as client:
        start = time.monotonic()
        for number, raw in enumerate(raws):
            pause = start + number * interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            appended[message_id_of(raw)] = time.time()
            client.append("INBOX", raw)
    return appended


def measure(count: int, interval: float, poll_minutes: float) -> list[Row]:
    rng = random.Random(6)
    raws = [document_message(number, rng, "docx", 10, tag="lat") for number in range(count)]
    with servers(timed_sink=True) as (dovecot, sink):
        account = dovecot.new_user("latency")
        account.create_folder("INBOX")
        state = state_dir("latency")
        env = env_for(state, account, sink, MAILBOT_SCHEDULE_POLL_MINUTES=poll_minutes)
        log_path = state.parent / f"{state.name}.log"
        with open(log_path, "wb") as log_file:
            process = subprocess.Popen(mailbot_cmd("run"), env=env, cwd=REPO_ROOT, stdout=log_file,
                                       stderr=subprocess.STDOUT)
            try:
                wait_until_running(process, log_path)
                appended = append_paced(account, raws, interval)
                sink.wait_for(count, timeout=120)
            finally:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        arrivals = list(sink.arrivals)
    delays = []
    for arrived, raw in arrivals:
        original = email.message_from_bytes(raw).get("In-Reply-To", "").strip()
        if original in appended:
            delays.append(arrived - appended[original])
    missing = count - len(delays)
    p50, p95 = percentile(delays, 0.50), percentile(delays, 0.95)
    return [
        Row.judged(f"6 arrival to ack, {count} x 10-page docx, 1/{interval:g}s (IDLE)",
                   f"p50 {p50:.2f} s, p95 {p95:.2f} s, max {max(delays, default=float('nan')):.2f} s",
                   f"poll every {poll_minutes:g} min", "-", f"p95 < {TARGET_P95} s",
                   p95 < TARGET_P95 and missing == 0),
        Row("  acknowledgements matched", f"{len(delays)} of {count}", verdict="info", target=load_note()),
    ]


def main() -> None:
    args = bench_args(__doc__, messages=(50, "messages appended"), interval=(1.0, "seconds between APPENDs"),
                      poll_minutes=(5.0, "fallback poll interval (IDLE must do the work)"))
    finish(measure(args.messages, args.interval, args.poll_minutes), "Bench 6: arrival to acknowledgement",
           args.results)


if __name__ == "__main__":
    main()
