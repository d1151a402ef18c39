"""Content-addressed store of raw message bytes: written before any parsing, never changed."""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mailbot.errors import StoreError


class RawStore:
    """Files named by sha256 under `<state>/raw/ab/cd/<sha256>.eml`, written atomically."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._pending: dict[str, Future] = {}         # sha256 -> its write, queued by put_soon
        self._writer: ThreadPoolExecutor | None = None

    def path_for(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:4] / f"{digest}.eml"

    def put(self, raw: bytes) -> str:
        """Store the bytes (idempotent), durably, and return their sha256."""
        digest = hashlib.sha256(raw).hexdigest()
        self.settle(digest)
        if not self._stored(digest, raw):
            self._write(digest, raw)
        return digest

    def put_soon(self, raw: bytes) -> str:
        """Like `put`, but the write and its fsync run on a background thread while the message goes
        through its other stages; `settle(digest)` waits for it (the record stage does, before the
        register commit names the file). The fsync was ~1-4 ms of waiting per message."""
        digest = hashlib.sha256(raw).hexdigest()
        if digest in self._pending:
            return digest
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=2, thread_name_prefix="rawstore")
        self._pending[digest] = self._writer.submit(self._write_new, digest, raw)
        return digest

    def settle(self, digest: str) -> None:
        """Wait until the bytes queued by `put_soon` are on disk; StoreError if they could not be."""
        pending = self._pending.pop(digest, None)
        if pending is not None:
            pending.result()

    def _stored(self, digest: str, raw: bytes) -> bool:
        target = self.path_for(digest)
        return target.exists() and target.stat().st_size == len(raw)

    def _write_new(self, digest: str, raw: bytes) -> None:
        """On the writer thread: even the check for a copy already there is a stat the caller skips."""
        if not self._stored(digest, raw):
            self._write(digest, raw)

    def _write(self, digest: str, raw: bytes) -> None:
        target = self.path_for(digest)
        try:
            if not target.parent.is_dir():        # one stat, not a mkdir walk, for each message
                self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
                for folder in (target.parent.parent, target.parent):   # each level private, not just the last
                    folder.mkdir(exist_ok=True, mode=0o700)
            temp = target.with_suffix(f".tmp{os.getpid()}")
            with open(temp, "wb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, target)
        except OSError as err:
            raise StoreError(f"cannot store raw message {digest}: {err.strerror}") from err

    def get(self, digest: str) -> bytes:
        self.settle(digest)
        try:
            return self.path_for(digest).read_bytes()
        except OSError as err:
            raise StoreError(f"raw message {digest} is missing from the raw store") from err

    def has(self, digest: str) -> bool:
        self.settle(digest)
        return self.path_for(digest).exists()
