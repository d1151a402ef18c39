"""Item 3: every failed poll (refused login, TLS failure, unreachable server) is in status and the digest."""
from __future__ import annotations

import json

import pytest

from tests.ops.cli import DEMO_NOW, mailbot
from tests.ops.test_config_env import _imap_env
from tests.servers import free_port


def _tls_failure(account):   # the test Dovecot's certificate is self-signed: verification fails
    return _imap_env(account, MAILBOT_IMAP_SECURITY="starttls")


@pytest.mark.parametrize("make_env, words", [
    (lambda account: _imap_env(account, MAILBOT_IMAP_PASSWORD="wrong-password-123"), "IMAP login refused"),
    (_tls_failure, "STARTTLS with 127.0.0.1 failed"),
    (lambda account: _imap_env(account, MAILBOT_IMAP_PORT=str(free_port())), "stayed unavailable"),
], ids=["login refused", "TLS failure", "unreachable"])
def test_a_failed_poll_is_in_status_its_json_and_the_digest(imap_account, tmp_path, make_env, words):
    env, state = make_env(imap_account), tmp_path / "state"
    run = mailbot("run", "--once", "--now", DEMO_NOW, state=state, env=env)
    assert run.code == 1 and words in run.err_lines[-1] and "Traceback" not in run.err
    figures = json.loads(mailbot("status", "--json", state=state, env=env).out)
    assert figures["last_failed_poll_at"] == "2020-01-16T09:00:00+00:00"
    assert words in figures["last_failed_poll_reason"]
    text = mailbot("status", state=state, env=env).out
    assert "last failed poll" in text and "2020-01-16 10:00 CET: " in text and words in text
    digest = mailbot("preview", "digest", "--now", DEMO_NOW, "--out", str(tmp_path), state=state, env=env)
    assert digest.code == 0, digest.err
    assert "mailbox could not be read" in digest.out and words in digest.out
