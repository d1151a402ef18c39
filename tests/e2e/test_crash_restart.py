"""Kill -9 in the middle of a run, restart: every message registered once, acknowledged once."""
from __future__ import annotations

import collections
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.e2e.mailbox import REPO_ROOT, export, mailbot_env, mixed_mailbox, run_mailbot

pytestmark = pytest.mark.servers


def _registered(state_dir) -> int:
    database = state_dir / "register.sqlite3"
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM message").fetchone()[0]
    except sqlite3.OperationalError:
        return 0     # the schema is not there yet


def _assert_exactly_once(env, sink, total: int, contributions: int) -> None:
    records = export(env)
    assert len(records) == total
    assert len({record["message_id"] for record in records}) == total
    acks = collections.Counter(mail.message()["In-Reply-To"] for mail in sink.messages)
    # At most one resend of an interrupted delivery, and then with the same Message-ID.
    assert len(acks) == contributions
    ids_per_ack = collections.defaultdict(set)
    for mail in sink.messages:
        ids_per_ack[mail.message()["In-Reply-To"]].add(mail.message()["Message-ID"])
    assert all(len(ids) == 1 for ids in ids_per_ack.values())
    assert max(acks.values()) <= 2 and sum(count == 2 for count in acks.values()) <= 1
    assert all(record["ack"]["status"] == "sent" for record in records if record["kind"] == "contribution")


def test_sigkill_in_the_middle_of_300_messages_then_restart(imap_account, smtp, tmp_path):
    raws, contributions = mixed_mailbox(300, docx_every=25)
    imap_account.append_many("INBOX", raws)
    state = tmp_path / "state"
    env = mailbot_env(state, imap_account, smtp, MAILBOT_ACK_MAX_PER_RUN=1000)
    worker = subprocess.Popen([sys.executable, "-m", "mailbot", "run", "--once"], env=env, cwd=REPO_ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _registered(state) < 60 and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.05)
    assert worker.poll() is None, "the worker finished before it could be killed; use more messages"
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    killed_at = _registered(state)
    assert 0 < killed_at < 300

    run_mailbot(env, "run", "--once")
    _assert_exactly_once(env, smtp, 300, contributions)


@pytest.mark.parametrize("point", ["after_raw_stored:40", "before_record:40", "after_outbox_row:30",
                                   "after_register_commit:40", "after_smtp_accepted:20"])
def test_crash_point_then_rerun(point, imap_account, smtp, tmp_path):
    raws, contributions = mixed_mailbox(60, docx_every=1000)
    imap_account.append_many("INBOX", raws)
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    crashed = run_mailbot(env | {"MAILBOT_FAULT": point}, "run", "--once", check=False)
    assert crashed.returncode == -signal.SIGKILL
    run_mailbot(env, "run", "--once")
    _assert_exactly_once(env, smtp, 60, contributions)
