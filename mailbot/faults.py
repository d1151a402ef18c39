"""Test-only crash points: inert unless MAILBOT_FAULT names one.

`after_register_commit:3` kills at the third hit; `before_extract@c7.example@mail.example` kills at
every hit while the message with that Message-ID (without angle brackets) is in hand.
MAILBOT_SLOW_DOCUMENT=`report.docx:8` makes the extraction worker take 8 s more over that file."""
from __future__ import annotations

import os
import signal
import time


class FaultHook:
    """Kills this process with SIGKILL at the named point, on its Nth hit (default the first)."""

    def __init__(self, spec: str | None = None):
        spec = os.environ.get("MAILBOT_FAULT", "") if spec is None else spec
        spec, _, message_id = spec.partition("@")
        name, _, count = spec.partition(":")
        self.point = name or None
        self.message_id = message_id.strip().strip("<>") or None
        self.remaining = int(count) if count.isdigit() else 1
        self.hits = 0
        self.in_hand: set[str] = set()       # Message-IDs the worker holds now (kept by the worker)

    def hit(self, point: str) -> None:
        if self.point != point:
            return
        if self.message_id is not None:
            if self.message_id in self.in_hand:
                os.kill(os.getpid(), signal.SIGKILL)
            return
        self.hits += 1
        if self.hits >= self.remaining:
            os.kill(os.getpid(), signal.SIGKILL)


def slow_document(filename: str | None) -> None:
    """Test-only: sleep in the extraction worker over the file MAILBOT_SLOW_DOCUMENT names."""
    name, _, seconds = os.environ.get("MAILBOT_SLOW_DOCUMENT", "").rpartition(":")
    if name and filename == name:
        try:
            time.sleep(float(seconds))
        except ValueError:
            return
