"""Small in-memory stand-ins for backbone unit tests (real servers are used in tests/e2e)."""
from __future__ import annotations

from typing import Iterable
from datetime import datetime, timezone

from mailbot.clock import FixedClock
from mailbot.config import load_settings
from mailbot.outbox.transports import MemoryTransport
from mailbot.workitem import Fetched
from mailbot.runtime import Runtime
from tests.builders import docx_bytes, message


class ListSource:
    """A mailbox held in a list; UIDs are positions + 1."""

    name = "memory"

    def __init__(self, raws: list[bytes], received_at: datetime | None = None, uidvalidity: int = 1):
        self.raws = list(raws)
        self.uidvalidity = uidvalidity
        self.received_at = received_at or datetime(2020, 1, 10, 9, 0, tzinfo=timezone.utc)
        self.processed_uids: list[str] = []

    def fetch_new(self, seen):
        for index, raw in enumerate(self.raws):
            fetched = Fetched("memory", "INBOX", self.uidvalidity, str(index + 1), self.received_at, raw)
            if not seen.is_seen(fetched.source_key):
                yield fetched

    def processed(self, fetched, folder=None) -> None:
        self.processed_uids.append(fetched.uid)

    def cursor_updates(self):
        return [("INBOX", self.uidvalidity, len(self.raws))]

    def wait_for_news(self, timeout: float) -> bool:
        return False

    def close(self) -> None:
        pass


class MemorySeen:
    """A SeenKeys in memory: what a register would answer, for tests without a database."""

    def __init__(self, keys: Iterable[str] = ()):
        self.keys: set[str] = set(keys)
        self.cursors: dict[tuple[str, str, int], int] = {}
        self.batch_lookups = 0

    def is_seen(self, source_key: str) -> bool:
        return source_key in self.keys

    def seen_uids(self, source: str, mailbox: str, uidvalidity: int, uids: list[str]) -> set[str]:
        self.batch_lookups += 1
        return {uid for uid in uids if f"{source}:{mailbox}:{uidvalidity}:{uid}" in self.keys}

    def cursor(self, source: str, mailbox: str, uidvalidity: int) -> int:
        return self.cursors.get((source, mailbox, uidvalidity), 0)

    def known_uidvalidities(self, source: str, mailbox: str) -> list[int]:
        known = {validity for (src, box, validity) in self.cursors if (src, box) == (source, mailbox)}
        for key in self.keys:
            prefix, validity, _uid = key.rsplit(":", 2)
            if prefix == f"{source}:{mailbox}":
                known.add(int(validity))
        return sorted(known)

    def register(self, fetched: Fetched) -> None:
        self.keys.add(fetched.source_key)

    def save_cursors(self, updates: list[tuple[str, int, int]], source: str = "imap") -> None:
        for mailbox, uidvalidity, last_uid in updates:
            key = (source, mailbox, uidvalidity)
            self.cursors[key] = max(self.cursors.get(key, 0), last_uid)


def make_runtime(tmp_path, now: datetime | None = None, **env) -> Runtime:
    environ = {"MAILBOT_STATE_DIR": str(tmp_path / "state")} | {key: str(value) for key, value in env.items()}
    runtime = Runtime(load_settings(None, environ),
                      clock=FixedClock(now or datetime(2020, 1, 10, 10, 0, tzinfo=timezone.utc)))
    runtime.transport = MemoryTransport()
    return runtime


def contribution(number: int, *, sender: str = "focal@mfa.gov.ke", with_docx: bool = True,
                 extra_headers: dict | None = None, subject: str | None = None) -> bytes:
    """The backbone tests' contribution: one sender for all numbers unless told (the daily cap counts it)."""
    document = docx_bytes(f"Contribution {number} from the Republic of Kenya on cybersecurity.")
    return message(sender=f"Focal Point {number} <{sender}>", subject=subject or f"Contribution {number} to the GCA guidelines",
                   message_id=f"<contribution-{number}@mfa.gov.ke>", date="Fri, 10 Jan 2020 10:00:00 +0300",
                   headers=extra_headers,
                   body=f"Please find attached contribution number {number} to the guidelines for the GCA.",
                   documents=[(f"contribution-{number}.docx", document)] if with_docx else ())
