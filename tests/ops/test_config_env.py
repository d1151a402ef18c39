"""Item 2: configuration from the environment is checked like the file; server replies shown as text."""
from __future__ import annotations

import socket
import threading

import pytest

from mailbot.config import ConfigError, load_settings
from tests.ops.cli import assert_one_line, mailbot


@pytest.mark.parametrize("name, nearest", [("MAILBOT_IMAP_HOTS", "MAILBOT_IMAP_HOST"),
                                           ("MAILBOT_IMAP_PASWORD", "MAILBOT_IMAP_PASSWORD"),
                                           ("MAILBOT_STATEDIR", "MAILBOT_STATE_DIR")])
def test_a_misspelt_variable_is_refused_with_the_nearest_known_one(tmp_path, name, nearest):
    result = mailbot("status", state=tmp_path / "state", env={name: "x"})
    line = assert_one_line(result, 2, name, f"did you mean {nearest}?")
    assert "x" not in line.split("?")[-1]


def test_every_section_of_the_schema_is_checked_and_others_variables_are_left_alone():
    from mailbot.config import SECTIONS, Settings

    for section in SECTIONS:   # a section added later (e.g. [oauth2]) is covered without a list to keep
        first_key = next(iter(Settings.model_fields[section].annotation.model_fields))
        with pytest.raises(ConfigError, match="unknown environment variable"):
            load_settings(environ={f"MAILBOT_{section.upper()}_{first_key.upper()}X": "1"})
    load_settings(environ={"MAILBOT_CORPUS": "/x", "MAILBOT_SOMETHING_UNRELATED": "1"})


def test_a_missing_imap_password_says_where_to_set_it(tmp_path):
    result = mailbot("run", "--once", state=tmp_path / "state",
                     env={"MAILBOT_IMAP_HOST": "127.0.0.1", "MAILBOT_IMAP_USER": "someone"})
    assert_one_line(result, 2, "no IMAP password set (MAILBOT_IMAP_PASSWORD or password_file)")


def test_a_refused_login_shows_the_servers_words_as_text(imap_account, tmp_path):
    env = _imap_env(imap_account, MAILBOT_IMAP_PASSWORD="wrong-password-123")
    result = mailbot("run", "--once", state=tmp_path / "state", env=env)
    assert result.code == 1 and "Traceback" not in result.err
    line = result.err_lines[-1]
    assert "IMAP login refused" in line and "AUTHENTICATIONFAILED" in line
    assert "b'" not in line and 'b"' not in line


class NoStartTls:
    """A greeting IMAP server that offers no STARTTLS (an old or misconfigured server)."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
                for line in conn.makefile("rb"):
                    tag = line.split(b" ", 1)[0]
                    if b"CAPABILITY" in line.upper():
                        conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
                        continue
                    if b"LOGOUT" in line.upper():
                        conn.sendall(b"* BYE\r\n" + tag + b" OK bye\r\n")
                        break
                    conn.sendall(tag + b" BAD not here\r\n")

    def close(self):
        self.server.close()


def test_a_server_without_starttls_is_named_as_such_and_recorded(tmp_path):
    server = NoStartTls()
    try:
        env = {"MAILBOT_IMAP_HOST": "127.0.0.1", "MAILBOT_IMAP_PORT": str(server.port), "MAILBOT_IMAP_USER": "u",
               "MAILBOT_IMAP_PASSWORD": "p", "MAILBOT_IMAP_SECURITY": "starttls", "MAILBOT_IMAP_TIMEOUT": "5"}
        result = mailbot("run", "--once", state=tmp_path / "state", env=env)
    finally:
        server.close()
    assert result.code == 1 and "Traceback" not in result.err
    assert "refused STARTTLS" in result.err_lines[-1] and "imap.security" in result.err_lines[-1]
    status = mailbot("status", state=tmp_path / "state", env=env)
    assert "last failed poll" in status.out and "refused STARTTLS" in status.out


def _imap_env(account, **extra) -> dict[str, str]:
    return {"MAILBOT_IMAP_HOST": account.host, "MAILBOT_IMAP_PORT": str(account.port),
            "MAILBOT_IMAP_USER": account.user, "MAILBOT_IMAP_PASSWORD": account.password,
            "MAILBOT_IMAP_SECURITY": "plain", "MAILBOT_IMAP_TIMEOUT": "10",
            "MAILBOT_IMAP_RECONNECT_DELAY_SECONDS": "0.1", "MAILBOT_IMAP_RECONNECT_ATTEMPTS": "2", **extra}
