"""`mailbot run --once --dry-run`: the real pipeline on a throwaway copy of the state, so an admin sees
what a run would do while the mailbox, the register and the outbox stay exactly as they are."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mailbot.runtime import Runtime
from mailbot.worker import poll_once

REGISTER_FILES = ("register.sqlite3", "register.sqlite3-wal")


class ReadOnlySource:
    """A source that reads and never marks, moves or flags anything (IMAP opened read-only)."""

    def __init__(self, source):
        self._source = source
        self.name = source.name

    def fetch_new(self, already_seen):
        return self._source.fetch_new(already_seen)

    def processed(self, fetched, folder: str | None = None) -> None:
        """Nothing: a dry run files nothing away."""

    def cursor_updates(self) -> list:
        return []

    def close(self) -> None:
        self._source.close()


def dry_run_once(runtime: Runtime):
    """One poll through every stage on a copy of the register in a temporary folder; returns its
    PollReport. No outbox flush and no calendar: nothing leaves, nothing in the state folder changes."""
    with tempfile.TemporaryDirectory(prefix="mailbot-dry-run-") as scratch:
        shadow_dir = Path(scratch) / "state"
        shadow_dir.mkdir(mode=0o700)
        for name in REGISTER_FILES:          # plain copies: SQLite never opens the real files
            if (runtime.state_dir / name).exists():
                shutil.copyfile(runtime.state_dir / name, shadow_dir / name)
        settings = runtime.settings
        shadow_settings = settings.model_copy(update={
            "state": settings.state.model_copy(update={"dir": shadow_dir}),
            "imap": settings.imap.model_copy(update={"processed_folder": None}),   # SELECT read-only
        })
        shadow = Runtime(settings=shadow_settings, clock=runtime.clock)
        try:
            shadow.preflight()
            source = ReadOnlySource(shadow.make_source())
            try:
                return poll_once(shadow, source=source)
            finally:
                source.close()
        finally:
            shadow.close()
