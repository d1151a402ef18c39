"""Operations (issue item 7) through the real CLI: a private state folder, passwords nowhere,
`status` that tells staff what they need, and structured logs (one line per event, JSON on request)."""
from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from mailbot.store.db import open_engine
from tests.e2e.mailbox import contribution, mailbot_env, run_mailbot
from tests.faults.helpers import FAST_RETRIES
from tests.servers import Behaviour, free_port

pytestmark = pytest.mark.servers

WRONG_IMAP = "imap-Wrong-Pw-7Qz!x9"
WRONG_SMTP = "smtp-Wrong-Pw-4Kd?v2"
FILE_SECRET = "file-Secret-Pw-8Jt#m3"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_state_folder_database_raw_store_and_outbox_are_private(tmp_path):
    env = mailbot_env(tmp_path / "state")                        # the demo Maildir, acknowledgements as files
    run_mailbot(env, "run", "--once")
    state = tmp_path / "state"
    files = [path for path in state.rglob("*") if path.is_file()]
    assert {path.name for path in files} >= {"register.sqlite3", "mailbot.lock"}
    assert any(path.parent.name == "outbox" for path in files) and any(path.suffix == ".eml" for path in files)
    assert {path.relative_to(state).as_posix(): _mode(path) for path in files if _mode(path) != 0o600} == {}
    folders = [state, *[path for path in state.rglob("*") if path.is_dir()]]
    assert {path.as_posix(): oct(_mode(path)) for path in folders if _mode(path) != 0o700} == {}


def test_a_fresh_database_has_private_wal_and_shm_files_while_open(tmp_path):
    engine = open_engine(tmp_path / "fresh")
    with engine.connect() as connection:                         # keeps the WAL open
        connection.exec_driver_sql("CREATE TABLE probe (x)")
        connection.commit()
        companions = [tmp_path / "fresh" / f"register.sqlite3{suffix}" for suffix in ("-wal", "-shm")]
        assert [oct(_mode(path)) for path in companions if path.exists()] == ["0o600", "0o600"]
    engine.dispose()


def _secrets_absent(texts: list[str], state: Path, secrets: list[str]) -> None:
    for secret in secrets:
        assert not [text for text in texts if secret in text], f"{secret!r} printed"
        leaked = [path for path in state.rglob("*") if path.is_file() and secret.encode() in path.read_bytes()]
        assert leaked == [], f"{secret!r} written to {leaked}"


def test_passwords_never_in_logs_status_export_errors_or_the_state_folder(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", [contribution(1, attach="docx"), contribution(2)])
    state = tmp_path / "state"
    good = mailbot_env(state, imap_account, smtp, MAILBOT_SMTP_USER=smtp.user, MAILBOT_SMTP_PASSWORD=smtp.password,
                       MAILBOT_LOG_LEVEL="DEBUG", **FAST_RETRIES)
    outputs = []

    def run(env, *args, code=0):
        result = run_mailbot(env, *args, check=False)
        assert result.returncode == code, result.stderr[-2000:]
        outputs.extend([result.stdout, result.stderr])
        return result

    assert "IMAP login refused" in run(good | {"MAILBOT_IMAP_PASSWORD": WRONG_IMAP}, "run", "--once", code=1).stderr
    refused = run(good | {"MAILBOT_SMTP_PASSWORD": WRONG_SMTP}, "run", "--once", code=1)
    assert "SMTP login refused" in refused.stderr
    run(good | {"MAILBOT_LOG_FORMAT": "json"}, "run", "--once")
    for args in (("status",), ("status", "--json"), ("export", "--format", "json"), ("export", "--format", "csv"),
                 ("show", "1"), ("list",)):
        run(good, *args)
    secret_file = tmp_path / "imap.secret"
    secret_file.write_text(FILE_SECRET + "\n")
    from_file = {key: value for key, value in good.items() if key != "MAILBOT_IMAP_PASSWORD"}
    assert "login refused" in run(from_file | {"MAILBOT_IMAP_PASSWORD_FILE": str(secret_file)}, "run", "--once",
                                  code=1).stderr
    config = tmp_path / "mailbot.toml"
    config.write_text("[smtp]\npassword = 8675309123\n")      # a secret of the wrong type: refused, not echoed
    file_only = {key: value for key, value in good.items() if key != "MAILBOT_SMTP_PASSWORD"}
    refused_config = run(file_only | {"MAILBOT_CONFIG": str(config)}, "status", code=2)
    assert "smtp.password" in refused_config.stderr
    _secrets_absent(outputs, state, [imap_account.password, smtp.password, WRONG_IMAP, WRONG_SMTP, FILE_SECRET,
                                     "8675309123"])
    assert len(smtp.messages) == 2                              # the good run did deliver


def test_status_shows_last_poll_failures_awaiting_review_and_outbox_failures(imap_account, smtp, tmp_path):
    anonymous = b"To: contributions@itu.int\r\nSubject: no sender\r\nMessage-ID: <anon@x.example>\r\n\r\nHello\r\n"
    imap_account.append_many("INBOX", [contribution(1), contribution(2), contribution(3), anonymous])
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_OUTBOX_BACKOFF_SECONDS="600", **FAST_RETRIES)
    smtp.behaviour = Behaviour(rcpt_replies={"focal1@mfa.gov.ke": "550 5.1.1 <focal1@mfa.gov.ke>: no such user"},
                               data_reply="451 4.3.0 try again later", times=1)
    run_mailbot(env, "run", "--once")
    run_mailbot(env | {"MAILBOT_IMAP_PORT": str(free_port())}, "run", "--once", check=False)   # the server is down
    status = json.loads(run_mailbot(env, "status", "--json").stdout)
    assert status["last_successful_poll"] and "stayed unavailable" in status["last_failed_poll"]
    assert status["needs_review"] >= 1                          # the mail without a sender
    assert status["outbox_failed"] == 1 and status["outbox_pending"] == 1 and status["outbox_sent"] == 1
    assert status["outbox_oldest_pending"]
    (failure,) = status["outbox_failures"]
    assert "focal1@mfa.gov.ke" in failure and "550 5.1.1" in failure
    text = run_mailbot(env, "status").stdout
    assert "last failed poll" in text and "550 5.1.1" in text


TEXT_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) mailbot[.\w]*: ")


def test_logs_are_one_line_per_event_and_json_lines_when_asked(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", [contribution(1)])
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_LOG_LEVEL="DEBUG", **FAST_RETRIES)
    down = env | {"MAILBOT_IMAP_PORT": str(free_port())}
    as_json = run_mailbot(down | {"MAILBOT_LOG_FORMAT": "json"}, "run", "--once", check=False)
    lines = [line for line in as_json.stderr.splitlines() if line.strip()]
    events = [json.loads(line) for line in lines]              # every line is one JSON event
    assert len(events) >= 4 and all({"at", "level", "logger", "event"} <= set(event) for event in events)
    assert events[-1]["level"] == "error" and "stayed unavailable" in events[-1]["event"]
    as_text = run_mailbot(down, "run", "--once", check=False)
    logged = [line for line in as_text.stderr.splitlines() if line.strip()][:-1]    # the last is the verdict
    assert logged and all(TEXT_LINE.match(line) for line in logged), logged
