"""An OAuth2 server, a Dovecot whose oauth2 passdb asks it, and an XOAUTH2 SMTP sink, on loopback."""
from __future__ import annotations

import pytest

from tests.servers import Dovecot, ServerSetupError, SmtpSink
from tests.servers.oauth2_server import OAuth2Server


@pytest.fixture(scope="session")
def oauth_server():
    server = OAuth2Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oauth_dovecot(oauth_server):
    """A second private Dovecot: XOAUTH2/OAUTHBEARER checked by RFC 7662 introspection (POST)."""
    try:
        server = Dovecot(oauth2_introspection_url=oauth_server.introspection_url)
        server.start()
    except ServerSetupError as err:
        pytest.fail(f"cannot start the OAuth2 Dovecot: {err}", pytrace=False)
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def oauth_smtp_sink(oauth_server):
    sink = SmtpSink(oauth2=oauth_server)
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def oauth_smtp(oauth_smtp_sink):
    oauth_smtp_sink.clear()
    yield oauth_smtp_sink
    oauth_smtp_sink.clear()


@pytest.fixture
def mailbox(oauth_dovecot):
    """A fresh mailbox user on the OAuth2 Dovecot."""
    return oauth_dovecot.new_user("contributions")
