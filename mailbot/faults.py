"""Test-only crash points: inert unless MAILBOT_FAULT names one (e.g. `after_register_commit:3`)."""
from __future__ import annotations

import os
import signal


class FaultHook:
    """Kills this process with SIGKILL at the named point, on its Nth hit (default the first)."""

    def __init__(self, spec: str | None = None):
        spec = os.environ.get("MAILBOT_FAULT", "") if spec is None else spec
        name, _, count = spec.partition(":")
        self.point = name or None
        self.remaining = int(count) if count.isdigit() else 1
        self.hits = 0

    def hit(self, point: str) -> None:
        if self.point != point:
            return
        self.hits += 1
        if self.hits >= self.remaining:
            os.kill(os.getpid(), signal.SIGKILL)
