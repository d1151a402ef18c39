"""OAuth2 end to end: `mailbot` as a command, Dovecot's oauth2 passdb, an XOAUTH2 SMTP server."""
from __future__ import annotations

import json
import os
import stat

import pytest

from tests.auth.helpers import DEMO_NOW, append_demo_inbox, oauth_env
from tests.e2e.mailbox import contribution, export, run_mailbot

pytestmark = pytest.mark.servers


def _assert_demo_registered_and_acknowledged(env, sink, count: int) -> list[dict]:
    records = export(env)
    assert len(records) == count
    contributions = [record for record in records if record["kind"] == "contribution"]
    assert contributions and all(record["ack"]["status"] == "sent" for record in contributions)
    status = json.loads(run_mailbot(env, "status", "--json").stdout)
    assert status["outbox_failed"] == 0 and status["outbox_pending"] == 0
    assert len(sink.messages) == status["outbox_sent"] >= len(contributions)
    return records


def _no_secret_in(texts: list[str], oauth) -> None:
    for secret in oauth.all_secrets():
        for text in texts:
            assert secret not in text


def test_run_once_with_client_credentials(mailbox, oauth_smtp, oauth_server, tmp_path):
    client = oauth_server.add_client(mailbox.user)
    count = append_demo_inbox(mailbox)
    env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client, MAILBOT_LOG_LEVEL="DEBUG")
    result = run_mailbot(env, "run", "--once", "--now", DEMO_NOW)
    _assert_demo_registered_and_acknowledged(env, oauth_smtp, count)
    seen = [run_mailbot(env, *command) for command in
            (("status", "--json"), ("show", "1"), ("export", "--format", "csv"), ("list",))]
    assert {(mechanism, user, ok) for mechanism, user, ok in oauth_smtp.logins} == {
        ("OAUTHBEARER", mailbox.user, True)}          # auto: the standard mechanism where offered
    assert oauth_server.count(client, "/token", "client_credentials") == 1     # one token served IMAP and SMTP
    cache = tmp_path / "state" / "oauth2-token.json"
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o600
    _no_secret_in([result.stdout, result.stderr] + [out.stdout + out.stderr for out in seen], oauth_server)


def test_run_once_with_refresh_token_keeps_the_rotated_one(mailbox, oauth_smtp, oauth_server, tmp_path):
    client = oauth_server.add_client(mailbox.user)
    token_file = tmp_path / "refresh-token"
    token_file.write_text(oauth_server.issue_refresh_token(client) + "\n")
    count = append_demo_inbox(mailbox)
    env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client,
                    refresh_token_file=token_file, MAILBOT_OAUTH2_MECHANISM="xoauth2")
    outputs = [run_mailbot(env, "run", "--once", "--now", DEMO_NOW)]
    _assert_demo_registered_and_acknowledged(env, oauth_smtp, count)
    assert {login[0] for login in oauth_smtp.logins} == {"XOAUTH2"}
    # The provider rotated the refresh token: the configured one is spent, the stored one works.
    (tmp_path / "state" / "oauth2-token.json").write_text(
        json.dumps({**json.loads((tmp_path / "state" / "oauth2-token.json").read_text()), "access_token": None}))
    mailbox.append("INBOX", contribution(77))
    outputs.append(run_mailbot(env, "run", "--once", "--now", DEMO_NOW))
    assert len(export(env)) == count + 1
    assert oauth_server.count(client, "/token", "refresh_token") == 2
    _no_secret_in([result.stdout + result.stderr for result in outputs], oauth_server)


def test_expired_token_is_refreshed_and_the_poll_goes_on(mailbox, oauth_smtp, oauth_server, tmp_path):
    client = oauth_server.add_client(mailbox.user)
    env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client)
    mailbox.append("INBOX", contribution(1))
    run_mailbot(env, "run", "--once")
    oauth_server.expire_access_tokens()          # the cached token still looks good to mailbot
    mailbox.append("INBOX", contribution(2))
    second = run_mailbot(env, "run", "--once")
    assert len(export(env)) == 2 and len(oauth_smtp.messages) == 2
    assert oauth_server.count(client, "/token", "client_credentials") == 2      # refreshed exactly once
    assert "refused the OAuth2 access token" in second.stderr
    _no_secret_in([second.stdout, second.stderr], oauth_server)


def test_revoked_client_one_clear_error_in_status_and_no_retry_storm(mailbox, oauth_smtp, oauth_server,
                                                                     tmp_path):
    client = oauth_server.add_client(mailbox.user)
    env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client)
    mailbox.append("INBOX", contribution(1))
    run_mailbot(env, "run", "--once")
    oauth_server.revoke_client(client)
    mailbox.append("INBOX", contribution(2))
    asked = oauth_server.count(client, "/token")
    failed = run_mailbot(env, "run", "--once", check=False)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "permission withdrawn" in failed.stderr
    assert oauth_server.count(client, "/token") == asked + 1        # asked once, not per reconnect or per mail
    status = run_mailbot(env, "status", "--json")
    figures = json.loads(status.stdout)
    assert "permission withdrawn" in figures["last_failed_poll"]
    assert len(export(env)) == 1
    _no_secret_in([failed.stdout, failed.stderr, status.stdout, status.stderr], oauth_server)
