"""Crash points beyond tests/e2e/test_crash_restart.py (which kills at each point once): guide cases
15 and 18. The fault hook (mailbot/faults.py) is inert unless MAILBOT_FAULT names a point."""
from __future__ import annotations

import collections
import signal

import pytest

from tests.e2e.mailbox import export, mailbot_env, run_mailbot
from tests.faults.helpers import contributions

pytestmark = pytest.mark.servers


def test_case_15_killed_twice_after_smtp_accepted_gives_one_resend_and_no_third_copy(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", contributions(4))
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    for _ in range(2):                                          # the delivery, then its resend, both cut
        crashed = run_mailbot(env | {"MAILBOT_FAULT": "after_smtp_accepted:1"}, "run", "--once", check=False)
        assert crashed.returncode == -signal.SIGKILL
    run_mailbot(env, "run", "--once")
    run_mailbot(env, "run", "--once")
    records = export(env)
    assert len(records) == 4
    copies = collections.Counter(mail.message()["Message-ID"] for mail in smtp.messages)
    answered = {mail.message()["In-Reply-To"] for mail in smtp.messages}
    assert answered == {record["message_id"] for record in records}    # every contribution answered
    assert sorted(copies.values()) == [1, 1, 1, 2]                      # one resend, same Message-ID
    (twice,) = [record for record in records if record["ack"]["status"] != "sent"]
    assert twice["ack"]["status"] == "failed" and "not sent again" in twice["ack"]["reason"]


def test_case_18_reminder_batch_crashed_half_way_then_rerun_sends_only_what_is_missing(imap_account, smtp, tmp_path):
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    reminder_day = "2020-01-12T10:00:00+01:00"                  # three days before the deadline
    crashed = run_mailbot(env | {"MAILBOT_FAULT": "after_smtp_accepted:3"}, "run", "--once", "--now", reminder_day,
                          check=False)
    assert crashed.returncode == -signal.SIGKILL
    for _ in range(2):                                          # the rerun, and a second rerun the same day
        run_mailbot(env, "run", "--once", "--now", reminder_day)
    by_recipient = collections.defaultdict(set)
    copies = collections.Counter()
    for mail in smtp.messages:
        by_recipient[mail.rcpt_tos].add(mail.message()["Message-ID"])
        copies[mail.message()["Message-ID"]] += 1
    assert len(by_recipient) > 3                                 # reminders and a digest went out
    assert all(len(ids) == 1 for ids in by_recipient.values())   # one of each per recipient and day
    assert sum(count - 1 for count in copies.values()) <= 1      # at most the interrupted one resent
    assert [rcpt for rcpt in by_recipient if "gca-secretariat@itu.int" in rcpt]
