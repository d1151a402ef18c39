"""What the test servers share: the setup error, the install hint, free ports."""
from __future__ import annotations

import socket
import time

INSTALL_HINT = ("run the test suite with `bash scripts/test.sh` (it installs dovecot-imapd with apt-get), "
                "or install the package `dovecot-imapd` yourself")


class ServerSetupError(RuntimeError):
    """A test server could not be started; the message says how to fix it."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_for_port(host: str, port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.02)
    raise ServerSetupError(f"nothing listens on {host}:{port} after {timeout} s")
