"""Bench 3: a poll with nothing new on a 20,000-message mailbox against the same on a 100-message one."""
from __future__ import annotations

import random
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (Row, bench_args, fill_maildir, finish, load_note, median, servers,  # noqa: E402
                          state_dir)
from bench.mailgen import plain_message  # noqa: E402
from bench.register_fill import fill_sources_only, open_register  # noqa: E402
from tests.servers import FaultProxy  # noqa: E402

TARGET = 1.5
TAG = re.compile(rb"^\S+ ", re.MULTILINE)


class Mailbox:
    """One account, its register filled as if every message had been ingested, polled via a proxy."""

    def __init__(self, dovecot, sink, count: int):
        from mailbot.config import Settings
        from mailbot.runtime import Runtime

        rng = random.Random(count)
        self.count = count
        self.account = dovecot.new_user(f"idle{count}x")
        fill_maildir(dovecot, self.account, [plain_message(number, rng) for number in range(count)])
        uidvalidity = self.account.uidvalidity("INBOX")
        assert self.account.folder_uids("INBOX") == list(range(1, count + 1))
        state = state_dir(f"idle{count}")
        engine = open_register(state)
        fill_sources_only(engine, count, "INBOX", uidvalidity, datetime.now(timezone.utc))
        engine.dispose()
        self.proxy = FaultProxy(dovecot.host, dovecot.port)
        settings = Settings.model_validate({
            "imap": {"host": self.proxy.host, "port": self.proxy.port, "user": self.account.user,
                     "password": self.account.password, "security": "plain", "timeout": 30},
            "smtp": {"host": sink.host, "port": sink.port, "security": "plain"},
            "state": {"dir": str(state)}})
        self.runtime = Runtime(settings)

    def poll(self) -> tuple[float, bytes]:
        """One scheduled poll (poll + outbox flush, as `mailbot run` does it): seconds, client bytes."""
        from mailbot.schedule import poll_and_deliver

        self.proxy.reset_record()
        start = time.perf_counter()
        poll_and_deliver(self.runtime)
        seconds = time.perf_counter() - start
        time.sleep(0.05)                    # let the proxy's pump record the LOGOUT
        return seconds, self.proxy.client_bytes()

    def registered(self) -> int:
        from mailbot.status import collect_status

        return collect_status(self.runtime)["messages"]

    def close(self) -> None:
        self.runtime.close()
        self.proxy.close()


def commands(client_bytes: bytes, password: str) -> list[str]:
    """The IMAP commands a poll sent, tags and the password taken out."""
    text = TAG.sub(b"", client_bytes).decode(errors="replace").replace(password, "***")
    return [line for line in text.splitlines() if line]


def measure(big: int, small: int, polls: int) -> list[Row]:
    with servers() as (dovecot, sink):
        boxes = {count: Mailbox(dovecot, sink, count) for count in (small, big)}
        try:
            figures = {}
            for count, box in boxes.items():
                box.poll()                              # warm: engine, migrations check, imports
                timings, sent = [], b""
                for _ in range(polls):
                    seconds, sent = box.poll()
                    timings.append(seconds)
                assert box.registered() == count, "the poll registered something: the register fill is off"
                figures[count] = (median(timings), sent, commands(sent, box.account.password))
        finally:
            for box in boxes.values():
                box.close()
    (t_small, b_small, c_small), (t_big, b_big, c_big) = figures[small], figures[big]
    ratio = t_big / t_small
    grown = [f"{a} -> {b}" for a, b in zip(c_small, c_big) if len(b) > len(a) + 2]   # +2: cursor digits
    return [
        Row.judged(f"3 idle poll, {big:,} vs {small} messages", f"{t_big * 1000:.0f} ms",
                   f"{t_small * 1000:.0f} ms", f"{ratio:.2f}x", f"<= {TARGET}x", ratio <= TARGET),
        Row.judged("  IMAP client bytes per poll", f"{len(b_big)} B", f"{len(b_small)} B",
                   f"{len(b_big) / len(b_small):.2f}x", "no command grows", not grown and len(c_big) == len(c_small)),
        Row("  commands (big mailbox)", " | ".join(c_big), verdict="info", target=load_note()),
    ]


def main() -> None:
    args = bench_args(__doc__, big=(20_000, "messages in the big mailbox"),
                      small=(100, "messages in the small mailbox"), polls=(15, "timed polls each"))
    finish(measure(args.big, args.small, args.polls), __doc__, args.results)


if __name__ == "__main__":
    main()
