"""The worker as a service (issue 21): receipts flow during a poll, SIGTERM stops cleanly, SIGKILL
costs at most the work in hand, a poison message is set aside. Real Dovecot and aiosmtpd."""
from __future__ import annotations

import collections
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.e2e.mailbox import REPO_ROOT, contribution, export, mailbot_env, run_mailbot
from tests.e2e.test_crash_restart import _assert_exactly_once, _registered

pytestmark = pytest.mark.servers

STOP_LINE = re.compile(r"^stopped: (\d+) registered, (\d+) receipts sent, (\d+) left for the next start$", re.M)


def _backlog(count: int, docx_every: int = 3) -> list[bytes]:
    return [contribution(number, attach="docx" if number % docx_every == 0 else None) for number in range(count)]


def _start(env, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mailbot", "run", *args], env=env, cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_registered(state, at_least: int, worker: subprocess.Popen, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while (count := _registered(state)) < at_least and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.02)
    return count


def _stopped(worker: subprocess.Popen) -> tuple[str, re.Match]:
    """The worker's stderr, and its one stop line; never a traceback."""
    _out, err = worker.communicate(timeout=60)
    assert "Traceback" not in err, err[-3000:]
    lines = STOP_LINE.findall(err)
    assert len(lines) == 1, err[-3000:]
    return err, STOP_LINE.search(err)


def _assert_each_registered_once_answered_at_least_once(env, sink, total: int, kills: int) -> None:
    """A kill between the server's acceptance and our record of it resends that receipt once, with the
    same Message-ID (SMTP cannot tell us whether it arrived): at most one such resend per kill."""
    records = export(env)
    assert len(records) == total and len({record["message_id"] for record in records}) == total
    copies = collections.Counter(mail.message()["In-Reply-To"] for mail in sink.messages)
    assert sorted(copies) == sorted(record["message_id"] for record in records)
    assert max(copies.values()) <= 2 and sum(count - 1 for count in copies.values()) <= kills
    ids = collections.defaultdict(set)
    for mail in sink.messages:
        ids[mail.message()["In-Reply-To"]].add(mail.message()["Message-ID"])
    assert all(len(message_ids) == 1 for message_ids in ids.values())
    assert all(record["ack"]["status"] == "sent" for record in records)


def _in_hand(state) -> int:
    with sqlite3.connect(state / "register.sqlite3") as db:
        return db.execute("SELECT count(*) FROM in_hand").fetchone()[0]


def _integrity(state) -> str:
    with sqlite3.connect(state / "register.sqlite3") as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize("seed", [1, 2])
def test_sigterm_to_run_once_at_a_random_moment(seed, imap_account, smtp, tmp_path):
    """During extraction and delivery alike: 143, one stop line, and the next start finishes the rest."""
    total = 48
    imap_account.append_many("INBOX", _backlog(total))
    state = tmp_path / "state"
    env = mailbot_env(state, imap_account, smtp, MAILBOT_ACK_MAX_PER_RUN=1000)
    worker = _start(env, "--once")
    _wait_registered(state, random.Random(seed).randint(1, total // 2), worker)
    assert worker.poll() is None, "the pass ended before the signal; use more messages"
    worker.send_signal(signal.SIGTERM)
    _err, line = _stopped(worker)
    assert worker.returncode == 143
    registered, sent, _left = (int(value) for value in line.groups())
    assert registered == _registered(state) and sent <= registered
    assert len(smtp.messages) == sent          # every receipt counted as sent really arrived

    run_mailbot(env, "run", "--once")
    _assert_exactly_once(env, smtp, total, total)
    assert _integrity(state) == "ok"


def test_sigterm_to_the_service_after_receipts_began_to_flow(imap_account, smtp, tmp_path):
    """The first receipts leave while the poll is still registering; SIGTERM then exits 0."""
    total = 48
    imap_account.append_many("INBOX", _backlog(total))
    state = tmp_path / "state"
    env = mailbot_env(state, imap_account, smtp, MAILBOT_ACK_MAX_PER_RUN=1000)
    worker = _start(env)
    try:
        smtp.wait_for(1, timeout=120)
        registered_at_first_receipt = _registered(state)
        smtp.wait_for(3, timeout=60)
    finally:
        worker.send_signal(signal.SIGTERM)
    err, line = _stopped(worker)
    assert worker.returncode == 0, err[-2000:]
    assert 0 < registered_at_first_receipt < total, "receipts waited for the end of the poll"
    assert int(line.group(2)) == len(smtp.messages)

    run_mailbot(env, "run", "--once")
    _assert_exactly_once(env, smtp, total, total)


def test_a_second_signal_stops_at_once(imap_account, smtp, tmp_path):
    total = 48
    imap_account.append_many("INBOX", _backlog(total, docx_every=2))
    state = tmp_path / "state"
    env = mailbot_env(state, imap_account, smtp, MAILBOT_ACK_MAX_PER_RUN=1000)
    worker = _start(env, "--once")
    _wait_registered(state, 3, worker)
    assert worker.poll() is None
    worker.send_signal(signal.SIGTERM)
    worker.send_signal(signal.SIGINT)
    _stopped(worker)
    assert worker.returncode in (130, 143)       # 130: the second signal; 143: the first was quicker
    assert _integrity(state) == "ok"

    run_mailbot(env, "run", "--once")
    _assert_exactly_once(env, smtp, total, total)


def test_sigkill_loop_always_makes_progress_and_loses_nothing(imap_account, smtp, tmp_path):
    """Seeded: the process group is killed at a random moment after each restart's first commit."""
    total = 100
    imap_account.append_many("INBOX", _backlog(total, docx_every=2))
    state = tmp_path / "state"
    env = mailbot_env(state, imap_account, smtp, MAILBOT_ACK_MAX_PER_RUN=1000)
    rng = random.Random(21)
    kills = 0
    for _kill in range(8):
        before = _registered(state)
        if before == total:
            break
        worker = _start(env, "--once")
        progressed = _wait_registered(state, before + 1, worker)
        assert progressed > before or worker.poll() == 0, "a restarted worker made no progress"
        time.sleep(rng.uniform(0.05, 0.6))     # past the first flush, which resends an interrupted one
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            kills += 1
        worker.communicate(timeout=30)
    assert kills >= 4, "the backlog went too fast to be killed often: use more messages"
    run_mailbot(env, "run", "--once")
    _assert_each_registered_once_answered_at_least_once(env, smtp, total, kills)
    assert _integrity(state) == "ok"
    assert all(record["status"] != "error" for record in export(env))
    assert _in_hand(state) == 0


def test_a_message_that_kills_the_worker_three_times_is_set_aside(imap_account, smtp, tmp_path):
    raws = [contribution(number) for number in range(20)]
    imap_account.append_many("INBOX", raws)
    poison = "c7.mfa.gov.ke@mail.mfa.gov.ke"
    state = tmp_path / "state"
    env = mailbot_env(state, imap_account, smtp)
    for _crash in range(3):
        crashed = run_mailbot(env | {"MAILBOT_FAULT": f"before_classify@{poison}"}, "run", "--once", check=False)
        assert crashed.returncode == -signal.SIGKILL
    fourth = run_mailbot(env | {"MAILBOT_FAULT": f"before_classify@{poison}"}, "run", "--once")
    assert "Traceback" not in fourth.stderr

    records = {record["message_id"]: record for record in export(env)}
    assert len(records) == 20
    aside = records[f"<{poison}>"]
    assert aside["status"] == "error" and aside["needs_review"]
    assert "the worker stopped 3 times while handling this message" in aside["review_reasons"]
    answered = {mail.message()["In-Reply-To"] for mail in smtp.messages}
    assert f"<{poison}>" not in answered and len(answered) == 19
    assert "processing failures" in run_mailbot(env, "status").stdout

    run_mailbot(env, "reprocess", str(aside["id"]))
    again = {record["message_id"]: record for record in export(env)}[f"<{poison}>"]
    assert again["status"] == "processed" and again["reference"]


def test_one_slow_document_does_not_hold_the_others(imap_account, smtp, tmp_path):
    """Message 0 carries a document that takes 12 s to read: the other 9 are answered before it."""
    raws = [contribution(0, attach="docx")] + [contribution(number) for number in range(1, 10)]
    imap_account.append_many("INBOX", raws)
    env = mailbot_env(tmp_path / "state", imap_account, smtp,
                      MAILBOT_SLOW_DOCUMENT="contribution-0.docx:12")
    run_mailbot(env, "run", "--once")
    order = [mail.message()["In-Reply-To"] for mail in smtp.messages]
    assert len(order) == 10
    assert order[-1] == "<c0.mfa.gov.ke@mail.mfa.gov.ke>", order
    records = {record["message_id"]: record for record in export(env)}
    assert records["<c0.mfa.gov.ke@mail.mfa.gov.ke>"]["status"] == "processed"
