"""The backbone end to end: real Dovecot, real SMTP server, `mailbot` run as a command."""
from __future__ import annotations

import collections

import pytest

from tests.e2e.mailbox import contribution, export, mailbot_env, mixed_mailbox, run_mailbot

pytestmark = pytest.mark.servers


def _acks_by_recipient(sink) -> collections.Counter:
    return collections.Counter(rcpt for mail in sink.messages for rcpt in mail.rcpt_tos)


def test_two_hundred_mixed_messages_registered_once_and_acknowledged_once(imap_account, smtp, tmp_path):
    raws, contributions = mixed_mailbox(200)
    imap_account.append_many("INBOX", raws)
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_ACK_MAX_PER_RUN=1000)

    first = run_mailbot(env, "run", "--once")
    assert "messages registered" in first.stdout
    records = export(env)
    assert len(records) == 200
    assert sum(record["kind"] == "contribution" for record in records) == contributions
    assert {record["kind"] for record in records} == {"contribution", "auto_reply", "other"}
    acks = _acks_by_recipient(smtp)
    assert len(smtp.messages) == contributions and set(acks.values()) == {1}
    assert all(record["ack"]["status"] == "sent" for record in records if record["kind"] == "contribution")
    assert all(record["ack"]["status"] == "suppressed" for record in records if record["kind"] != "contribution")
    references = [record["reference"] for record in records if record["reference"]]
    assert len(references) == len(set(references)) == contributions

    run_mailbot(env, "run", "--once")
    assert len(export(env)) == 200
    assert len(smtp.messages) == contributions     # the second run sent nothing


def test_acknowledgement_reaches_smtp_with_safe_headers(imap_account, smtp, tmp_path):
    imap_account.append("INBOX", contribution(1, attach="docx"))
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    run_mailbot(env, "run", "--once")
    (mail,) = smtp.wait_for(1)
    message = mail.message()
    assert list(mail.rcpt_tos) == ["focal1@mfa.gov.ke"]
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["In-Reply-To"] == "<c1.mfa.gov.ke@mail.mfa.gov.ke>"
    assert "GCA-2020-0001" in message["Subject"]
    record = export(env)[0]
    assert record["attachments"][0]["status"] == "ok" and record["attachments"][0]["text_chars"] > 20


def test_processed_mail_is_moved_and_never_downloaded_again(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", [contribution(n) for n in range(3)])
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_IMAP_PROCESSED_FOLDER="Processed")
    run_mailbot(env, "run", "--once")
    assert imap_account.folder_uids("INBOX") == []
    assert len(imap_account.folder_uids("Processed")) == 3
    imap_account.append("INBOX", contribution(9))
    run_mailbot(env, "run", "--once")
    assert len(export(env)) == 4 and len(smtp.messages) == 4


def test_status_and_show_on_a_real_register(imap_account, smtp, tmp_path):
    imap_account.append("INBOX", contribution(5, attach="docx"))
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    run_mailbot(env, "run", "--once")
    status = run_mailbot(env, "status", "--json").stdout
    assert '"messages": 1' in status and '"outbox_sent": 1' in status
    assert imap_account.password not in status
    shown = run_mailbot(env, "show", "1").stdout
    assert "GCA-2020-0001" in shown and "trail" in shown
