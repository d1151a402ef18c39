"""SMTP faults under `mailbot run --once` (guide case 16): 4xx retried with backoff, 5xx and refused
recipients recorded with the server's words and never retried, an ambiguous drop resent at most once."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.e2e.mailbox import export, mailbot_env, run_mailbot
from tests.faults.helpers import contributions
from tests.servers import Behaviour

pytestmark = pytest.mark.servers


@pytest.fixture
def one_contribution(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", contributions(1))
    return mailbot_env(tmp_path / "state", imap_account, smtp)


def _ack(env) -> dict:
    (record,) = export(env)
    return record["ack"]


def _status(env) -> dict:
    return json.loads(run_mailbot(env, "status", "--json").stdout)


def test_case_16_smtp_4xx_waits_for_its_backoff_then_is_sent(one_contribution, smtp):
    env = one_contribution | {"MAILBOT_OUTBOX_BACKOFF_SECONDS": "600"}
    smtp.behaviour = Behaviour.temporary_failure(times=1)
    run_mailbot(env, "run", "--once")
    assert _ack(env)["status"] == "pending" and "451" in _ack(env)["reason"]
    run_mailbot(env, "run", "--once")                        # still inside the backoff: not tried
    assert len(smtp.refused) == 1 and smtp.messages == []
    later = (datetime.now(timezone.utc) + timedelta(minutes=11)).isoformat()
    run_mailbot(env, "run", "--once", "--now", later)
    assert len(smtp.messages) == 1 and _ack(env)["status"] == "sent"


def test_case_16_smtp_4xx_for_ever_gives_up_after_max_attempts(one_contribution, smtp):
    env = one_contribution | {"MAILBOT_OUTBOX_MAX_ATTEMPTS": "2"}
    smtp.behaviour = Behaviour.temporary_failure()
    for _ in range(3):
        run_mailbot(env, "run", "--once")
    assert len(smtp.refused) == 2                           # no endless retry
    ack = _ack(env)
    assert ack["status"] == "failed" and "gave up after 2 attempts" in ack["reason"] and "451" in ack["reason"]
    assert _status(env)["outbox_failed"] == 1


@pytest.mark.parametrize("behaviour, words", [
    (Behaviour.permanent_failure(), "554 5.7.1 Message rejected by policy"),
    (Behaviour.refuse_recipient("focal0@mfa.gov.ke"), "550 5.1.1 <focal0@mfa.gov.ke>: Recipient address rejected"),
], ids=["5xx", "recipient-refused"])
def test_case_16_smtp_5xx_or_refused_recipient_is_failed_with_the_servers_words(one_contribution, smtp,
                                                                                behaviour, words):
    smtp.behaviour = behaviour
    run_mailbot(one_contribution, "run", "--once")
    run_mailbot(one_contribution, "run", "--once")
    ack = _ack(one_contribution)
    assert ack["status"] == "failed" and words in ack["reason"]
    assert smtp.messages == [] and len(smtp.refused) <= 1    # tried once, never again
    status = _status(one_contribution)
    assert status["outbox_failed"] == 1 and status["outbox_pending"] == 0


def test_case_16_drop_after_data_is_resent_once_with_the_same_message_id(one_contribution, smtp):
    smtp.behaviour = Behaviour.drop_connection_after_data(times=1)
    run_mailbot(one_contribution, "run", "--once")
    assert "outcome unknown" in _ack(one_contribution)["reason"]
    run_mailbot(one_contribution, "run", "--once")
    first, second = smtp.messages
    assert first.message()["Message-ID"] == second.message()["Message-ID"]
    assert _ack(one_contribution)["status"] == "sent"


def test_case_16_repeated_drops_after_data_give_at_most_one_resend(one_contribution, smtp):
    smtp.behaviour = Behaviour.drop_connection_after_data(times=None)
    for _ in range(4):
        run_mailbot(one_contribution, "run", "--once")
    assert len(smtp.messages) == 2                          # the first copy and one resend, no more
    assert len({mail.message()["Message-ID"] for mail in smtp.messages}) == 1
    ack = _ack(one_contribution)
    assert ack["status"] == "failed" and "not sent again" in ack["reason"]


def test_case_16_refused_login_keeps_the_queue_waiting_without_spending_attempts(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", contributions(2))
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_SMTP_USER=smtp.user,
                      MAILBOT_SMTP_PASSWORD="wrong-password", MAILBOT_OUTBOX_MAX_ATTEMPTS="1")
    refused = run_mailbot(env, "run", "--once", check=False)
    assert refused.returncode == 1 and "SMTP login refused" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert {record["ack"]["status"] for record in export(env)} == {"pending"}
    run_mailbot(env | {"MAILBOT_SMTP_PASSWORD": smtp.password}, "run", "--once")
    assert {record["ack"]["status"] for record in export(env)} == {"sent"}
    assert len(smtp.messages) == 2
