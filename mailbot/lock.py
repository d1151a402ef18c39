"""One worker per state folder: an exclusive file lock, released when the process ends."""
from __future__ import annotations

import fcntl
import os
import time
from typing import IO
from pathlib import Path

from mailbot.errors import LockedError
from mailbot.store.statedir import prepare_state_dir


class StateLock:
    """`with StateLock(state_dir, wait=30):` holds `<state>/mailbot.lock` or raises LockedError."""

    def __init__(self, state_dir: Path, wait: float = 0.0):
        self.path = Path(state_dir) / "mailbot.lock"
        self.wait = wait
        self.handle: IO[str] | None = None

    def __enter__(self) -> "StateLock":
        prepare_state_dir(self.path.parent)
        self.handle = os.fdopen(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), "r+")
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as err:
                if time.monotonic() >= deadline:
                    self.handle.close()
                    raise LockedError(f"another mailbot is working on {self.path.parent}") from err
                time.sleep(0.2)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return self

    def __exit__(self, *exc) -> None:
        if self.handle:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
            self.handle.close()
