"""Mailbox sources behind one small interface: IMAP, Maildir, and an in-memory one for tests."""
from __future__ import annotations

from typing import Iterator, Protocol

from mailbot.workitem import Fetched


class Source(Protocol):
    """The narrow door to a mailbox.

    `fetch_new(already_seen)` yields messages the register has not seen, oldest first; it asks
    the server only for what is new (UIDs above the cursor) and skips keys in `already_seen`.
    `processed(fetched, folder)` is called only after the message's register rows committed;
    `folder` is where a routing rule sends it (IMAP: MOVE, created if missing), else the processed folder.
    `cursor_advanced(...)` lets the source persist how far it got (IMAP: per mailbox+UIDVALIDITY).
    """

    name: str

    def fetch_new(self, already_seen: "SeenKeys") -> Iterator[Fetched]: ...

    def processed(self, fetched: Fetched, folder: str | None = None) -> None: ...

    def cursor_updates(self) -> list[tuple[str, int, int]]:
        """(mailbox, uidvalidity, last_uid) pairs safe to persist: every UID up to last_uid is
        registered (processed() was called) or no longer on the server."""
        ...

    def wait_for_news(self, timeout: float) -> bool:
        """Block until the mailbox may have news (IMAP IDLE) or timeout; False if not supported."""
        ...

    def close(self) -> None: ...


class SeenKeys(Protocol):
    """What the register knows: which source keys are registered, and the IMAP cursor."""

    def is_seen(self, source_key: str) -> bool: ...

    def cursor(self, source: str, mailbox: str, uidvalidity: int) -> int: ...

    def known_uidvalidities(self, source: str, mailbox: str) -> list[int]: ...
