"""Maildir source, read-only: new/ and cur/ oldest first; received time from the unique name."""
from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from mailbot.errors import SourceError
from mailbot.workitem import Fetched
from mailbot.sources import SeenKeys

SOURCE_NAME = "maildir"
LOOKUP_CHUNK = 500   # file names per "which of these are registered?" query
# Maildir unique names start with the delivery time in epoch seconds ("1576400000.M1P1.host");
# git does not keep file times, so the name is the trustworthy record of when a file arrived.
_LEADING_EPOCH = re.compile(r"^(\d{9,11})(?:\.|$)")


class MaildirSource:
    """A Maildir folder as a Source. It never writes: the bundled demo stays as committed."""

    name = SOURCE_NAME
    supports_idle = False

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.mailbox = str(path)

    def fetch_new(self, already_seen: SeenKeys) -> Iterator[Fetched]:
        entries = self._entries()
        registered = self._registered_among(already_seen, [entry.unique for entry in entries])
        first = self._first_read(already_seen, entries)
        self.new_count = sum(entry.unique not in registered for entry in entries)   # for the burst guard
        for entry in entries:
            if entry.unique in registered:
                continue
            try:
                raw = entry.path.read_bytes()
            except FileNotFoundError:
                continue   # another reader moved it (new/ -> cur/): the next poll finds it there
            except OSError as err:
                raise SourceError(f"cannot read {entry.path}: {err.strerror}") from err
            yield Fetched(source=SOURCE_NAME, mailbox=self.mailbox, uidvalidity=0, uid=entry.unique,
                          received_at=entry.received_at, raw=raw, flags=entry.flags,
                          first_read_at=first.read_at if first and first.already_there(0, entry.unique) else None)

    def _first_read(self, seen: SeenKeys, entries: list["_Entry"]):
        """The folder's first read (recorded now if this is it): the files present then are its backlog."""
        first_read = getattr(seen, "first_read", None)
        if first_read is None:
            return None
        return first_read(SOURCE_NAME, self.mailbox, 0, 0, lambda: [entry.unique for entry in entries])

    def _registered_among(self, seen: SeenKeys, uniques: list[str]) -> set[str]:
        """One query per chunk where the register offers `seen_uids`, else one per file."""
        batch_lookup = getattr(seen, "seen_uids", None)
        if batch_lookup is None:
            return {unique for unique in uniques if seen.is_seen(f"{SOURCE_NAME}:{self.mailbox}:0:{unique}")}
        found: set[str] = set()
        for start in range(0, len(uniques), LOOKUP_CHUNK):
            found.update(batch_lookup(SOURCE_NAME, self.mailbox, 0, uniques[start:start + LOOKUP_CHUNK]))
        return found

    def _entries(self) -> list["_Entry"]:
        if not self.path.is_dir():
            raise SourceError(f"Maildir not found: {self.path}")
        entries = []
        for sub in ("new", "cur"):
            folder = self.path / sub
            if not folder.is_dir():
                continue
            with os.scandir(folder) as listing:
                for item in listing:
                    if item.name.startswith(".") or not item.is_file():
                        continue
                    entries.append(_Entry.of(Path(item.path), item.stat().st_mtime))
        entries.sort(key=lambda entry: (entry.received_at, entry.unique))
        return entries

    def processed(self, fetched: Fetched, folder: str | None = None) -> None:
        """Nothing to do: the register remembers; the files stay untouched."""

    def cursor_updates(self) -> list[tuple[str, int, int]]:
        return []

    def wait_for_news(self, timeout: float) -> bool:
        return False

    def close(self) -> None:
        pass


# Maildir info flags (the letters after ":2,") as IMAP names: R is "replied", i.e. \Answered.
_INFO_FLAGS = {"R": "\\Answered", "S": "\\Seen", "F": "\\Flagged", "T": "\\Deleted", "D": "\\Draft"}


class _Entry:
    __slots__ = ("path", "unique", "received_at", "flags")

    def __init__(self, path: Path, unique: str, received_at: datetime, flags: tuple[str, ...] = ()):
        self.path, self.unique, self.received_at, self.flags = path, unique, received_at, flags

    @classmethod
    def of(cls, path: Path, mtime: float) -> "_Entry":
        unique, _, info = path.name.partition(":")
        letters = info[2:] if info.startswith("2,") else ""
        flags = tuple(_INFO_FLAGS[letter] for letter in letters if letter in _INFO_FLAGS)
        return cls(path, unique, received_time(unique, mtime), flags)


def received_time(unique: str, mtime: float) -> datetime:
    """The leading epoch of a Maildir unique name, else the file's modification time (UTC)."""
    match = _LEADING_EPOCH.match(unique)
    seconds = int(match.group(1)) if match else mtime
    return datetime.fromtimestamp(seconds, tz=timezone.utc)
