"""Stopping on SIGTERM or SIGINT: the first asks the worker to stop within `[schedule]
shutdown_seconds`; a second signal, or that deadline, ends the process at once (the register is
consistent at every moment: each message commits in one transaction)."""
from __future__ import annotations

import logging
import os
import signal
import threading
from dataclasses import dataclass

log = logging.getLogger("mailbot.stop")


@dataclass
class Tally:
    """What this process did, for the one line it prints when it stops."""

    registered: int = 0
    receipts_sent: int = 0
    in_hand: int = 0             # fetched, not yet committed
    left: int = 0                # abandoned at the stop: read again on the next start

    def line(self) -> str:
        return (f"stopped: {self.registered} registered, {self.receipts_sent} receipts sent, "
                f"{self.left + self.in_hand} left for the next start")


class StopRequest:
    """Whether a stop was asked for; installed as the SIGTERM/SIGINT handler by `mailbot run`."""

    def __init__(self, grace_seconds: float = 20.0):
        self.grace_seconds = grace_seconds
        self.tally = Tally()
        self.signum: int | None = None
        self._event = threading.Event()
        self._lock = threading.Lock()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)

    def install(self) -> None:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)

    def request(self, signum: int = signal.SIGTERM) -> None:
        """Ask for a stop; the worker ends what it can and the process ends by the deadline anyway."""
        if self._event.is_set():
            return
        self.signum = signum
        self._event.set()
        watchdog = threading.Timer(self.grace_seconds, self.at_once, args=(signum,))
        watchdog.daemon = True
        watchdog.start()

    def _on_signal(self, signum, _frame) -> None:
        if self._event.is_set():
            self.at_once(signum)
        log.info("signal %s: stopping (at most %.0f s; a second signal stops at once)",
                 signal.Signals(signum).name, self.grace_seconds)
        self.request(signum)

    def at_once(self, signum: int) -> None:
        """The stop line, then exit without unwinding: no thread is waited for, no traceback."""
        with self._lock:
            try:
                os.write(2, (self.tally.line() + "\n").encode())
            finally:
                os._exit(128 + signum)
