"""Shared fixtures: a real Dovecot and an SMTP sink on loopback, one per test session."""
from __future__ import annotations

import pytest

from tests.servers import Dovecot, ImapAccount, ServerSetupError, SmtpSink


@pytest.fixture(scope="session")
def dovecot():
    """A private Dovecot for the whole session; fails (never skips) when it cannot start."""
    try:
        server = Dovecot()
        server.start()
    except ServerSetupError as err:
        pytest.fail(f"cannot start the test Dovecot: {err}", pytrace=False)
    yield server
    server.cleanup()


@pytest.fixture
def imap_account(dovecot: Dovecot) -> ImapAccount:
    """A fresh user with an empty mailbox, so tests never see each other's mail."""
    return dovecot.new_user()


@pytest.fixture(scope="session")
def smtp_sink():
    """An aiosmtpd server for the whole session; see tests.servers.SmtpSink and Behaviour."""
    sink = SmtpSink()
    try:
        sink.start()
    except ServerSetupError as err:
        pytest.fail(f"cannot start the SMTP sink: {err}", pytrace=False)
    yield sink
    sink.stop()


@pytest.fixture
def smtp(smtp_sink: SmtpSink) -> SmtpSink:
    """The session sink, emptied and set back to accepting everything, before and after the test."""
    smtp_sink.clear()
    yield smtp_sink
    smtp_sink.clear()
