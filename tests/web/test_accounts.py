"""Users and logins: `mailbot user`, argon2 hashes, rate limits, the trusted proxy's Remote-User."""
from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pytest
from sqlmodel import select

from mailbot.store import accounts
from mailbot.store.account_tables import AuditEntry, Role, WebUser
from tests.backbone.fakes import make_runtime
from tests.web.conftest import log_in
from tests.web.register import NOW, PASSWORD

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def small_app(tmp_path, **env):
    """An empty register with one user per role."""
    from mailbot.web.app import create_app

    runtime = make_runtime(tmp_path, now=NOW, **env)
    with runtime.session() as session:
        for role in Role:
            accounts.add_user(session, role.value, role, PASSWORD, NOW)
        session.commit()
    return runtime, create_app(runtime)


def test_login_is_rate_limited_per_user(tmp_path):
    runtime, app = small_app(tmp_path, MAILBOT_WEB_FAILED_LOGINS_PER_USER=3)
    client = TestClient(app)
    assert [log_in(client, "viewer", "wrong password!").status_code for _ in range(3)] == [401] * 3
    refused = log_in(client, "viewer")             # the right password, but too late
    assert refused.status_code == 429 and "mailbot_session" not in refused.headers.get("set-cookie", "")
    assert log_in(client, "reviewer").status_code == 303       # another user from the same address is fine
    with runtime.session() as session:
        actions = [entry.action for entry in session.exec(select(AuditEntry).where(AuditEntry.actor == "viewer"))]
    assert actions == ["login_failed"] * 3 + ["login_refused"]


def test_login_is_rate_limited_per_address(tmp_path):
    _, app = small_app(tmp_path, MAILBOT_WEB_FAILED_LOGINS_PER_ADDRESS=4)
    client = TestClient(app)
    for name in ("a1", "a2", "a3", "a4"):
        assert log_in(client, name, "guessing").status_code == 401
    assert log_in(client, "admin").status_code == 429


def test_remote_user_is_believed_only_from_the_trusted_proxy(tmp_path):
    _, app = small_app(tmp_path, MAILBOT_WEB_TRUSTED_PROXY="testclient", MAILBOT_WEB_REMOTE_USER_HEADER="Remote-User")
    client = TestClient(app)
    response = client.get("/review", headers={"Remote-User": "reviewer", "X-Forwarded-Proto": "https"},
                          follow_redirects=False)
    assert response.status_code == 200 and "reviewer (reviewer)" in response.text
    assert "Secure" in response.headers["set-cookie"]
    assert TestClient(app).get("/", headers={"Remote-User": "stranger"}, follow_redirects=False).status_code == 303

    _, untrusted = small_app(tmp_path / "other", MAILBOT_WEB_TRUSTED_PROXY="192.0.2.1",
                             MAILBOT_WEB_REMOTE_USER_HEADER="Remote-User")
    assert TestClient(untrusted).get("/", headers={"Remote-User": "admin"},
                                     follow_redirects=False).status_code == 303


def test_passwords_are_kept_as_argon2_hashes(tmp_path):
    runtime, _ = small_app(tmp_path)
    with runtime.session() as session:
        user = session.exec(select(WebUser).where(WebUser.name == "admin")).one()
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        assert accounts.check_password(session, "admin", PASSWORD) is not None
        assert accounts.check_password(session, "admin", PASSWORD + "x") is None


def mailbot(state, *args, stdin: str = ""):
    env = {**os.environ, "MAILBOT_STATE_DIR": str(state)}
    return subprocess.run([sys.executable, "-m", "mailbot", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=60)


def test_user_commands(tmp_path):
    state = tmp_path / "state"
    added = mailbot(state, "user", "add", "officer", "--role", "reviewer", "--password-stdin",
                    stdin="a long enough secret\n")
    assert added.returncode == 0, added.stderr
    assert "a long enough secret" not in added.stdout + added.stderr
    listed = mailbot(state, "user", "list")
    assert listed.returncode == 0 and "officer\treviewer" in listed.stdout
    again = mailbot(state, "user", "add", "officer", "--role", "admin", "--password-stdin", stdin="another secret!\n")
    assert again.returncode == 2 and again.stderr.strip().startswith("mailbot: user officer exists")
    short = mailbot(state, "user", "add", "x", "--role", "viewer", "--password-stdin", stdin="short\n")
    assert short.returncode == 2 and "Traceback" not in short.stderr
    no_stdin = mailbot(state, "user", "add", "y", "--role", "viewer")
    assert no_stdin.returncode == 2 and "--password-stdin" in no_stdin.stderr
    bad_role = mailbot(state, "user", "add", "z", "--role", "boss", "--password-stdin", stdin="whatever secret\n")
    assert bad_role.returncode == 2
    assert mailbot(state, "user", "remove", "officer").returncode == 0
    assert "officer" not in mailbot(state, "user", "list").stdout
    missing = mailbot(state, "user", "remove", "officer")
    assert missing.returncode == 2 and missing.stderr.strip() == "mailbot: no user officer"


def mailbot_env(state, extra: dict, *args):
    return subprocess.run([sys.executable, "-m", "mailbot", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "MAILBOT_STATE_DIR": str(state), **extra})


@pytest.mark.parametrize("value", ["0", "abc"])
def test_a_bad_web_setting_is_refused_in_one_line(tmp_path, value):
    result = mailbot_env(tmp_path / "state", {"MAILBOT_WEB_PORT": value}, "web")
    assert result.returncode == 2
    assert result.stderr.startswith("mailbot: configuration refused:") and "MAILBOT_WEB_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_removing_a_user_ends_their_sessions(tmp_path):
    runtime, app = small_app(tmp_path)
    client = TestClient(app)
    assert log_in(client, "viewer").status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 200
    with runtime.session() as session:
        accounts.remove_user(session, "viewer", NOW)
        session.commit()
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_busy_port_is_refused_in_one_line(tmp_path):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = mailbot_env(tmp_path / "state", {}, "web", "--port", str(port))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"mailbot: cannot listen on 127.0.0.1:{port}:")
