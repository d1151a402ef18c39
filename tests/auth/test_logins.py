"""IMAP and SMTP logins with tokens against the real servers, and `mailbot auth` as a command."""
from __future__ import annotations

import pytest

from mailbot.auth.endpoint import AuthlibTokenEndpoint
from mailbot.auth.profile import Grant, OAuth2Profile
from mailbot.auth.tokens import CachedTokenSource, TokenCache
from mailbot.config import Settings
from mailbot.errors import DeliveryUnavailable, SourceError
from mailbot.outbox.transports import SmtpTransport
from mailbot.sources.imap import ImapSource
from tests.auth.helpers import oauth_env
from tests.e2e.mailbox import contribution, run_mailbot

pytestmark = pytest.mark.servers


def _tokens(oauth, client, tmp_path) -> CachedTokenSource:
    profile = OAuth2Profile(provider="generic", token_url=oauth.token_url, device_url=oauth.device_url,
                            client_id=client.client_id, grant=Grant.CLIENT_CREDENTIALS, scope="mail",
                            client_secret=client.secret, timeout=5)
    return CachedTokenSource(profile, AuthlibTokenEndpoint(profile), TokenCache(tmp_path))


def _settings(mailbox, sink, mechanism="auto") -> Settings:
    return Settings.model_validate({
        "imap": {"host": mailbox.host, "port": mailbox.port, "user": mailbox.user, "security": "plain",
                 "auth": "oauth2", "timeout": 10},
        "smtp": {"host": sink.host, "port": sink.port, "user": mailbox.user, "security": "plain",
                 "auth": "oauth2", "timeout": 10},
        "oauth2": {"mechanism": mechanism}})


@pytest.mark.parametrize("mechanism, expected", [("auto", "OAUTHBEARER"), ("xoauth2", "XOAUTH2"),
                                                 ("oauthbearer", "OAUTHBEARER")])
def test_imap_logs_in_with_each_mechanism(mailbox, oauth_server, oauth_dovecot, tmp_path, mechanism, expected):
    client = oauth_server.add_client(mailbox.user)
    mailbox.append("INBOX", contribution(1))
    source = ImapSource(_settings(mailbox, mailbox, mechanism), None, _tokens(oauth_server, client, tmp_path))
    try:
        source.connect()
        assert source.login_note.startswith(expected)
    finally:
        source.close()
    assert f"method={expected}" in oauth_dovecot.log_text()


def test_imap_token_for_another_mailbox_is_refused_after_one_fresh_try(mailbox, oauth_server, oauth_dovecot,
                                                                        tmp_path):
    client = oauth_server.add_client("somebody-else")
    tokens = _tokens(oauth_server, client, tmp_path)
    source = ImapSource(_settings(mailbox, mailbox), None, tokens)
    with pytest.raises(SourceError, match="IMAP login refused .* with an OAuth2 token") as caught:
        source.connect()
    assert oauth_server.count(client, "/token") == 2             # the cached one, then one fresh try
    assert all(secret not in str(caught.value) for secret in oauth_server.all_secrets())


@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_smtp_expired_token_is_refreshed_once_and_the_mail_delivered(mailbox, oauth_server, oauth_smtp, tmp_path,
                                                                     mechanism):
    client = oauth_server.add_client(mailbox.user)
    tokens = _tokens(oauth_server, client, tmp_path)
    tokens.token()
    oauth_server.expire_access_tokens()
    transport = SmtpTransport(_settings(mailbox, oauth_smtp, mechanism), None, tokens)
    try:
        assert transport.send("contributions@itu.int", ["a@example.org"], b"Subject: x\r\n\r\nhello\r\n",
                              "<m1@test>") == {}
    finally:
        transport.close()
    assert [ok for _mechanism, _user, ok in oauth_smtp.logins] == [False, True]
    assert {entry[0] for entry in oauth_smtp.logins} == {mechanism.upper()}
    assert oauth_server.count(client, "/token") == 2 and len(oauth_smtp.messages) == 1


def test_smtp_refused_token_makes_the_queue_wait(mailbox, oauth_server, oauth_smtp, tmp_path):
    client = oauth_server.add_client("somebody-else")
    transport = SmtpTransport(_settings(mailbox, oauth_smtp), None, _tokens(oauth_server, client, tmp_path))
    with pytest.raises(DeliveryUnavailable, match="SMTP login refused with an OAuth2 token .*535"):
        transport.send("contributions@itu.int", ["a@example.org"], b"Subject: x\r\n\r\nhello\r\n", "<m2@test>")
    assert len(oauth_smtp.logins) == 2 and oauth_smtp.messages == []


def test_auth_check_says_what_worked(mailbox, oauth_server, oauth_smtp, tmp_path):
    client = oauth_server.add_client(mailbox.user)
    env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client)
    result = run_mailbot(env, "auth", "check")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"OAuth2: token ok from {oauth_server.token_url} (client_credentials grant")
    assert lines[1].startswith(f"IMAP: OAUTHBEARER ok as {mailbox.user} on 127.0.0.1") and "expires in 59 min" in lines[1]
    assert lines[2].startswith(f"SMTP: OAUTHBEARER ok as {mailbox.user} on 127.0.0.1")
    assert all(secret not in result.stdout + result.stderr for secret in oauth_server.all_secrets())


@pytest.mark.parametrize("breakage, reason", [
    ("wrong_secret", "does not accept this client_id and client_secret"),
    ("revoked", "permission withdrawn"),
    ("scope", "did not grant the scope"),
    ("other_mailbox", "IMAP: FAILED: IMAP login refused for"),
    ("unreachable", "cannot reach the token endpoint"),
])
def test_auth_check_explains_each_failure(mailbox, oauth_server, oauth_smtp, tmp_path, breakage, reason):
    client = oauth_server.add_client("somebody-else" if breakage == "other_mailbox" else mailbox.user)
    env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client)
    if breakage == "wrong_secret":
        env["MAILBOT_OAUTH2_CLIENT_SECRET"] = "not-the-secret"
    elif breakage == "revoked":
        oauth_server.revoke_client(client)
    elif breakage == "scope":
        env["MAILBOT_OAUTH2_SCOPE"] = "mail calendars"
    elif breakage == "unreachable":
        from tests.servers.common import free_port

        env["MAILBOT_OAUTH2_TOKEN_URL"] = f"http://127.0.0.1:{free_port()}/token"
    result = run_mailbot(env, "auth", "check", check=False)
    assert result.returncode == 1, result.stderr
    assert reason in result.stdout
    assert "Traceback" not in result.stderr
    assert all(secret not in result.stdout + result.stderr for secret in oauth_server.all_secrets())


def test_auth_check_refuses_an_incomplete_section_with_exit_2(mailbox, oauth_server, oauth_smtp, tmp_path):
    client = oauth_server.add_client(mailbox.user)
    env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client)
    del env["MAILBOT_OAUTH2_CLIENT_SECRET"]
    result = run_mailbot(env, "auth", "check", check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "mailbot: configuration refused: oauth2.client_secret: the client-credentials grant needs client_secret "
        "or client_secret_file (or MAILBOT_OAUTH2_CLIENT_SECRET)"]


def test_device_login_where_the_provider_has_none_is_refused_with_exit_2(mailbox, oauth_server, oauth_smtp,
                                                                         tmp_path):
    client = oauth_server.add_client(mailbox.user)
    env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client)
    del env["MAILBOT_OAUTH2_DEVICE_URL"]
    result = run_mailbot(env, "auth", "login", "--device", check=False)
    assert result.returncode == 2 and "oauth2.device_url" in result.stderr and "Traceback" not in result.stderr


def test_device_login_then_run_with_the_stored_refresh_token(mailbox, oauth_server, oauth_smtp, tmp_path):
    client = oauth_server.add_client(mailbox.user, public=True)
    oauth_server.auto_approve_user = mailbox.user
    try:
        env = oauth_env(tmp_path / "state", mailbox, oauth_smtp, oauth_server, client,
                        MAILBOT_OAUTH2_GRANT="refresh_token")
        del env["MAILBOT_OAUTH2_CLIENT_SECRET"]          # a public client, as for a desktop sign-in
        refused = run_mailbot(env, "run", "--once", check=False)
        assert refused.returncode == 2 and "auth login --device" in refused.stderr
        login = run_mailbot(env, "auth", "login", "--device")
    finally:
        oauth_server.auto_approve_user = None
    assert "enter the code" in login.stdout and "refresh token stored" in login.stdout
    mailbox.append("INBOX", contribution(3))
    run_mailbot(env, "run", "--once")
    assert len(oauth_smtp.messages) == 1
    assert oauth_server.count(client, "/token", "urn:ietf:params:oauth:grant-type:device_code") == 2
    assert all(secret not in login.stdout + login.stderr for secret in oauth_server.all_secrets())


def test_auth_check_with_passwords(imap_account, smtp, tmp_path):
    from tests.e2e.mailbox import mailbot_env

    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_SMTP_USER=smtp.user,
                      MAILBOT_SMTP_PASSWORD=smtp.password)
    result = run_mailbot(env, "auth", "check")
    assert result.stdout.splitlines() == [
        f"IMAP: password ok as {imap_account.user} on 127.0.0.1, folder INBOX opened",
        f"SMTP: password ok as {smtp.user} on 127.0.0.1"]
    env["MAILBOT_IMAP_PASSWORD"] = "not-the-password"
    failed = run_mailbot(env, "auth", "check", check=False)
    assert failed.returncode == 1 and "IMAP: FAILED: IMAP login refused for" in failed.stdout
    assert "not-the-password" not in failed.stdout + failed.stderr
