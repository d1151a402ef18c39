"""`mailbot run` as a service: IDLE wakes it for new mail, SIGTERM stops it cleanly."""
from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.e2e.mailbox import REPO_ROOT, contribution, export, mailbot_env, run_mailbot

pytestmark = pytest.mark.servers


def test_service_acknowledges_new_mail_without_waiting_for_the_next_poll(imap_account, smtp, tmp_path):
    # A poll interval of an hour: only IMAP IDLE can make the acknowledgement arrive in seconds.
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_SCHEDULE_POLL_MINUTES="60")
    service = subprocess.Popen([sys.executable, "-m", "mailbot", "run"], env=env, cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        imap_account.append("INBOX", contribution(1))          # before start-up finished, or after
        assert len(smtp.wait_for(1, timeout=30)) == 1
        imap_account.append("INBOX", contribution(2))
        assert len(smtp.wait_for(2, timeout=30)) == 2, "IDLE did not wake the worker"
    finally:
        service.send_signal(signal.SIGTERM)
        try:
            _out, err = service.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            service.kill()
            raise
    assert service.returncode == 0, err[-2000:]
    assert "stopping" in err
    assert [record["reference"] for record in export(env)] == ["GCA-2020-0001", "GCA-2020-0002"]


def test_second_worker_on_the_same_state_exits_cleanly(imap_account, smtp, tmp_path):
    from mailbot.lock import StateLock

    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    imap_account.append("INBOX", contribution(1))
    with StateLock(tmp_path / "state"):
        blocked = run_mailbot(env, "run", "--once")
    assert "another mailbot is working" in blocked.stderr
    assert len(smtp.messages) == 0
    run_mailbot(env, "run", "--once")
    assert len(smtp.messages) == 1
