"""IMAP faults under the whole worker (`mailbot run --once`, or poll_once with the real pipeline):
guide cases 9-13. mailbot reconnects with backoff, loses nothing and repeats nothing."""
from __future__ import annotations

import os
import sqlite3

import pytest

from mailbot.config import load_settings
from mailbot.outbox.transports import MemoryTransport
from mailbot.runtime import Runtime
from mailbot.sources.imap import PROCESSED_KEYWORD, ImapSource
from mailbot.worker import poll_once
from tests.e2e.mailbox import export, mailbot_env, run_mailbot
from tests.faults.helpers import FAST_RETRIES, assert_each_once, contributions, register_query
from tests.servers import Fault, free_port

pytestmark = pytest.mark.servers


def via(proxy, env: dict) -> dict:
    return env | {"MAILBOT_IMAP_PORT": str(proxy.port)}


def test_case_09_uidvalidity_change_re_acknowledges_nothing_and_logs_an_alert(imap_account, smtp, tmp_path):
    first = contributions(5)
    imap_account.append_many("Contributions", first)
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_IMAP_FOLDER="Contributions")
    run_mailbot(env, "run", "--once")
    old = imap_account.uidvalidity("Contributions")
    imap_account.delete_folder("Contributions")                 # recreated: every UID means something else
    imap_account.append_many("Contributions", contributions(1, start=5) + first)
    assert imap_account.uidvalidity("Contributions") != old
    again = run_mailbot(env, "run", "--once")
    assert "UIDVALIDITY" in again.stderr                         # the alert, in the log
    assert_each_once(env, smtp, 6)                               # matched again by content: no new ack
    sources = register_query(tmp_path / "state", "SELECT count(*), count(DISTINCT message_pk) FROM message_source")
    assert sources == [(11, 6)]                                  # both UIDs known for the five old ones
    events = register_query(tmp_path / "state", "SELECT detail FROM event WHERE kind = 'uidvalidity'")
    assert len(events) == 1 and "changed from" in events[0][0]   # staff told once (status, digest)


def _runtime(tmp_path, account) -> Runtime:
    settings = load_settings(None, {"MAILBOT_STATE_DIR": str(tmp_path / "state")}
                             | {key: value for key, value in mailbot_env(tmp_path, account).items()
                                if key.startswith("MAILBOT_IMAP_")})
    runtime = Runtime(settings)
    runtime.transport = MemoryTransport()
    return runtime


def test_case_10_uid_expunged_between_search_and_fetch_is_not_processed(imap_account, tmp_path, monkeypatch):
    imap_account.append_many("INBOX", contributions(3))
    real_size_groups = ImapSource._size_groups

    def expunge_then_fetch(source, batch):
        imap_account.expunge_uids("INBOX", [2])                 # another client, after our SEARCH
        return real_size_groups(source, batch)
    monkeypatch.setattr(ImapSource, "_size_groups", expunge_then_fetch)
    runtime = _runtime(tmp_path, imap_account)
    report = poll_once(runtime)
    assert report.registered == 2 and report.failed == 0
    uids = register_query(runtime.state_dir, "SELECT uid FROM message_source ORDER BY uid")
    assert uids == [("1",), ("3",)]
    monkeypatch.setattr(ImapSource, "_size_groups", real_size_groups)
    assert poll_once(runtime).registered == 0                   # gone for good: nothing to retry
    runtime.close()


def test_case_10_fetch_answered_ok_without_data_is_retried_next_poll(imap_account, tmp_path, monkeypatch):
    imap_account.append_many("INBOX", contributions(3))
    real_call = ImapSource._call
    dropped = []

    def lose_one_body(source, what, action):
        answer = real_call(source, what, action)
        if what.startswith("FETCH BODY") and not dropped:
            dropped.append(answer.pop(2))                       # the server said OK but sent no data
        return answer
    monkeypatch.setattr(ImapSource, "_call", lose_one_body)
    runtime = _runtime(tmp_path, imap_account)
    assert poll_once(runtime).registered == 2
    assert dropped
    cursor = register_query(runtime.state_dir, "SELECT last_uid FROM cursor")
    assert cursor == [(1,)]                                     # not past the message it did not get
    assert poll_once(runtime).registered == 1                   # retried next poll, registered once
    assert register_query(runtime.state_dir, "SELECT count(*) FROM message") == [(3,)]
    runtime.close()


@pytest.mark.parametrize("fault", [
    Fault(trigger=b"BODY[] {", action="drop", after_bytes=0, skip=6),
    Fault(trigger=b"BODY[] {", action="drop", after_bytes=120, skip=6),
    Fault(trigger=b"BODY[] {", action="stall", after_bytes=60, skip=6),
], ids=["dropped-mid-fetch", "literal-cut-short", "server-hangs"])
def test_case_11_broken_connection_mid_fetch_reconnects_within_the_run(fault, proxy, imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", contributions(12))
    timeout = "2" if fault.action == "stall" else "10"        # the stall ends by the socket timeout
    env = via(proxy, mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_IMAP_BATCH_SIZE="4",
                                 MAILBOT_IMAP_TIMEOUT=timeout, **FAST_RETRIES))
    proxy.fault = fault
    result = run_mailbot(env, "run", "--once")
    assert proxy.fired == [fault]
    assert "retrying" in result.stderr and "Traceback" not in result.stderr
    assert_each_once(env, smtp, 12)
    raws = {row[0] for row in register_query(tmp_path / "state", "SELECT raw_size FROM message")}
    assert len(raws) >= 1 and 0 not in raws                     # no partial message stored


def test_case_11_server_down_run_exits_non_zero_with_a_clear_message_then_resumes(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", contributions(3))
    env = mailbot_env(tmp_path / "state", imap_account, smtp, **FAST_RETRIES)
    down = env | {"MAILBOT_IMAP_PORT": str(free_port())}
    failed = run_mailbot(down, "run", "--once", check=False)
    assert failed.returncode == 1
    assert "stayed unavailable after 4 attempt(s)" in failed.stderr
    assert failed.stderr.count("retrying in") == 3 and "Traceback" not in failed.stderr
    run_mailbot(env, "run", "--once")                           # the server is back
    assert_each_once(env, smtp, 3)


def test_case_12_server_without_move_copies_then_flags_and_never_expunges(dovecot, smtp, tmp_path):
    account = dovecot.new_user()
    account.append_many("INBOX", contributions(3))
    env = mailbot_env(tmp_path / "state", account, smtp, MAILBOT_IMAP_PROCESSED_FOLDER="Processed")
    with dovecot.without_move():
        run_mailbot(env, "run", "--once")
        account.append_many("INBOX", contributions(1, start=3))
        run_mailbot(env, "run", "--once")
    assert account.folder_uids("INBOX") == [1, 2, 3, 4]          # nothing expunged
    assert len(account.folder_uids("Processed")) == 4           # each copied once
    for flags in account.folder_flags("INBOX").values():
        assert PROCESSED_KEYWORD.encode() in flags and b"\\Deleted" not in flags
    assert_each_once(env, smtp, 4)


def _fill_maildir(dovecot, account, count: int) -> None:
    """`count` messages written straight into the account's Maildir (APPEND would take minutes)."""
    account.append("INBOX", contributions(1)[0])                  # Dovecot creates the Maildir
    cur = dovecot.mail_root / account.user / "Maildir" / "cur"
    owner = os.stat(cur)
    for number in range(count - 1):
        path = cur / f"{1578000000 + number}.M{number}P1.fill:2,"
        path.write_bytes(b"From: f%d@mfa.gov.ke\r\nSubject: %d\r\nMessage-ID: <f%d@mfa.gov.ke>\r\n\r\nx\r\n"
                         % (number, number, number))
        os.chown(path, owner.st_uid, owner.st_gid)


def _idle_poll_commands(proxy, env, state_dir, cursor: tuple[int, int] | None) -> list[tuple[str, int]]:
    """The commands of one `run --once` that finds nothing new, the register's cursor at (UIDVALIDITY, UID)."""
    run_mailbot(env, "status")                                   # creates the register
    if cursor is not None:
        with sqlite3.connect(state_dir / "register.sqlite3") as db:   # as the backfill left it
            db.execute("INSERT INTO cursor (source, mailbox, uidvalidity, last_uid, updated_at) "
                       "VALUES ('imap', 'INBOX', ?, ?, '2020-01-10 10:00:00')", cursor)
    proxy.reset_record()
    run_mailbot(env, "run", "--once")
    lines = [line for line in proxy.client_bytes().split(b"\r\n") if line]
    return [(line.split(b" ")[1].decode() if b" " in line else line.decode(), len(line)) for line in lines]


def test_case_13_idle_poll_on_50000_messages_sends_what_an_empty_mailbox_gets(dovecot, proxy, smtp, tmp_path):
    """The register after a backfill of 50,000 is stood in for by its cursor (registering them all
    would take minutes); the poll under test is the real one."""
    empty, big = dovecot.new_user(), dovecot.new_user()
    _fill_maildir(dovecot, big, 50_000)
    sizes = {}
    for name, account, cursor in (("empty", empty, None), ("big", big, (big.uidvalidity("INBOX"), 50_000))):
        env = via(proxy, mailbot_env(tmp_path / name, account, smtp))
        sizes[name] = _idle_poll_commands(proxy, env, tmp_path / name, cursor)
    assert [verb for verb, _ in sizes["empty"]] == [verb for verb, _ in sizes["big"]]
    for (_, short), (_, long) in zip(sizes["empty"], sizes["big"]):
        assert long - short <= len("50001") + 4                 # only the cursor's digits (and user name) differ
    assert max(length for _, length in sizes["big"]) < 100
    assert export(mailbot_env(tmp_path / "big", big)) == []     # nothing fetched, nothing registered
