"""Bench 1: ingest N plain messages with `mailbot run --once` against the raw floor (fetch + parse)."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (Row, bench_args, env_for, fetch_parsed, fill_maildir, finish, load_note,  # noqa: E402
                          mailbot_cmd, run_timed, servers, state_dir)
from bench.mailgen import plain_message  # noqa: E402

TARGET = 0.5


def floor_seconds(account, batch_size: int) -> tuple[float, int, float]:
    """imapclient batch fetch + mail-parser parse of every message; nothing stored."""
    start, cpu_start = time.perf_counter(), time.process_time()
    parsed = sum(1 for _mail in fetch_parsed(account, batch_size))
    return time.perf_counter() - start, parsed, time.process_time() - cpu_start


def floor_with_acks_seconds(account, sink, batch_size: int) -> tuple[float, int]:
    """The floor plus the least an acknowledgement costs: one tiny fixed message per message, sent
    over one SMTP session to the same sink (no register, no template, no outbox)."""
    import smtplib

    start = time.perf_counter()
    sent = 0
    with smtplib.SMTP(sink.host, sink.port) as smtp:
        for mail in fetch_parsed(account, batch_size):
            sender = mail.from_[0][1] if mail.from_ else "unknown@example.org"
            smtp.sendmail("contributions@itu.int", [sender],
                          b"Subject: received\r\n\r\nReceived, thank you.\r\n")
            sent += 1
    return time.perf_counter() - start, sent


def measure(count: int) -> list[Row]:
    rng = random.Random(20200115)
    raws = [plain_message(number, rng) for number in range(count)]
    with servers() as (dovecot, sink):
        account = dovecot.new_user("ingest")
        fill_maildir(dovecot, account, raws)
        floor, parsed, floor_cpu = floor_seconds(account, batch_size=100)
        acked_floor, acked = floor_with_acks_seconds(account, sink, batch_size=100)
        sink.wait_for(acked, timeout=10)
        state = state_dir("ingest")
        env = env_for(state, account, sink)
        seconds, result = run_timed(mailbot_cmd("run", "--once"), env)
        sent = sink.wait_for(acked + count, timeout=5)[acked:]
    assert parsed == acked == count, f"floors handled {parsed} and {acked} of {count}"
    if "messages registered" not in result.stdout or len(sent) < count:
        raise RuntimeError(f"mailbot did not ingest everything: {len(sent)} acks\n{result.stdout[-2000:]}")
    ours, raw_rate = count / seconds, count / floor
    ratio = ours / raw_rate
    return [Row.judged(f"1 ingest {count} plain (run --once)", f"{ours:.0f} msg/s ({seconds:.1f} s)",
                       f"{raw_rate:.0f} msg/s ({floor:.1f} s)", f"{ratio:.2f}x", f">= {TARGET}x", ratio >= TARGET),
            Row("  CPU seconds", f"{result.cpu_seconds:.1f} s", f"{floor_cpu:.1f} s",
                f"{floor_cpu / result.cpu_seconds:.2f}x", verdict="info", target=result.cpu_how),
            Row("  floor + one bare SMTP message per message",
                f"{count / acked_floor:.0f} msg/s ({acked_floor:.1f} s)",
                f"{raw_rate:.0f} msg/s", f"{(count / acked_floor) / raw_rate:.2f}x",
                f"0.5x floor = {raw_rate * TARGET:.0f} msg/s", verdict="info"),
            Row("  acks reaching SMTP", f"{len(sent)}", verdict="info", target=load_note())]


def main() -> None:
    args = bench_args(__doc__, messages=(5000, "how many messages"))
    finish(measure(args.messages), __doc__, args.results)


if __name__ == "__main__":
    main()
