"""Content-addressed store of raw message bytes: written before any parsing, never changed."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from mailbot.errors import StoreError


class RawStore:
    """Files named by sha256 under `<state>/raw/ab/cd/<sha256>.eml`, written atomically."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:4] / f"{digest}.eml"

    def put(self, raw: bytes) -> str:
        """Store the bytes (idempotent) and return their sha256."""
        digest = hashlib.sha256(raw).hexdigest()
        target = self.path_for(digest)
        if target.exists() and target.stat().st_size == len(raw):
            return digest
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
        return digest

    def get(self, digest: str) -> bytes:
        try:
            return self.path_for(digest).read_bytes()
        except OSError as err:
            raise StoreError(f"raw message {digest} is missing from the raw store") from err

    def has(self, digest: str) -> bool:
        return self.path_for(digest).exists()
