"""In-memory source and register stand-in, for unit tests of the pipeline and of sources."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterable, Iterator

from mailbot.workitem import Fetched
from mailbot.sources import SeenKeys

SOURCE_NAME = "memory"
FIRST_RECEIVED = datetime(2020, 1, 6, 9, 0, tzinfo=timezone.utc)


class MemorySource:
    """Messages from a list: Fetched as given, raw bytes numbered 1, 2, ... a minute apart."""

    name = SOURCE_NAME
    supports_idle = False

    def __init__(self, messages: Iterable[Fetched | bytes] = (), mailbox: str = "memory",
                 first_received: datetime = FIRST_RECEIVED):
        self.mailbox = mailbox
        self.first_received = first_received
        self.messages: list[Fetched] = []
        self.processed_keys: list[str] = []
        for message in messages:
            self.add(message)

    def add(self, message: Fetched | bytes) -> Fetched:
        if isinstance(message, bytes):
            number = len(self.messages) + 1
            message = Fetched(source=SOURCE_NAME, mailbox=self.mailbox, uidvalidity=0, uid=str(number),
                              received_at=self.first_received + timedelta(minutes=number - 1),
                              raw=message)
        self.messages.append(message)
        return message

    def fetch_new(self, already_seen: SeenKeys) -> Iterator[Fetched]:
        for message in list(self.messages):
            if not already_seen.is_seen(message.source_key):
                yield message

    def processed(self, fetched: Fetched, folder: str | None = None) -> None:
        self.processed_keys.append(fetched.source_key)

    def cursor_updates(self) -> list[tuple[str, int, int]]:
        return []

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
