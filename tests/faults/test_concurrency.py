"""Two workers on one state folder (guide case 17): one works, the other is a clean no-op."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.e2e.mailbox import REPO_ROOT, mailbot_env
from tests.faults.helpers import assert_each_once, contributions

pytestmark = pytest.mark.servers


def _start(env, *args):
    return subprocess.Popen([sys.executable, "-m", "mailbot", "run", "--once", *args], env=env, cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_case_17_two_run_once_started_together_do_nothing_twice(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", contributions(120))
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_ACK_MAX_PER_RUN=1000)
    workers = [_start(env), _start(env)]
    results = [(worker.wait(timeout=120), *worker.communicate()) for worker in workers]
    assert [code for code, _out, _err in results] == [0, 0], results
    assert_each_once(env, smtp, 120)
    said = [err for _code, _out, err in results if "another mailbot is working on" in err]
    registered = [out for _code, out, _err in results if "messages registered" in out]
    # One of them held the lock; the other said so and did nothing (or, had it come after, found nothing).
    assert len(said) == 1 and "nothing done" in said[0] or len(registered) == 2


def test_case_17_second_worker_waits_with_wait_then_finds_nothing_new(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", contributions(60))
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    first = _start(env)
    lock = tmp_path / "state" / "mailbot.lock"
    deadline = time.monotonic() + 30
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)) and time.monotonic() < deadline:
        time.sleep(0.02)                                         # the first worker holds the lock now
    second = _start(env, "--wait", "120")
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    out, err = second.communicate()
    assert "another mailbot" not in err
    assert_each_once(env, smtp, 60)
