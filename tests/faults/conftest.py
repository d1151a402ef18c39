"""Fault fixtures: a recording, breakable TCP proxy in front of the test Dovecot."""
from __future__ import annotations

import pytest

from tests.servers import FaultProxy


@pytest.fixture
def proxy(dovecot):
    faulty = FaultProxy(dovecot.host, dovecot.port)
    yield faulty
    faulty.close()
