"""Admin routing rules through the real servers: move to a folder, forward a copy exactly once."""
from __future__ import annotations

import pytest

from tests.builders import message
from tests.e2e.mailbox import contribution, export, mailbot_env, run_mailbot

pytestmark = pytest.mark.servers


def _arabic_contribution() -> bytes:
    return message(sender="Focal Point <focal@cst.gov.sa>", subject="مساهمة المملكة العربية السعودية في المبادئ التوجيهية",
                   message_id="<ar-1@cst.gov.sa>",
                   body="السادة الكرام، تجدون مرفقا مساهمة المملكة العربية السعودية في وضع المبادئ التوجيهية "
                   "لاستخدام البرنامج العالمي للأمن السيبراني. مع خالص التحية.")


def _newsletter() -> bytes:
    return message(sender="GSMA <news@gsma.com>", subject="GSMA Newsletter - January", message_id="<nl-1@gsma.com>",
                   body="This month in mobile.")


def test_rule_moves_unrelated_mail_to_a_folder_created_on_demand(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", [_newsletter(), contribution(1)])
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    run_mailbot(env, "run", "--once")
    assert len(imap_account.folder_uids("General")) == 1
    assert len(imap_account.folder_uids("INBOX")) == 1          # no processed folder: the rest stays
    newsletter = next(record for record in export(env) if record["message_id"] == "<nl-1@gsma.com>")
    assert newsletter["kind"] == "other" and newsletter["ack"]["status"] == "suppressed"
    assert [mail.rcpt_tos for mail in smtp.messages] == [("focal1@mfa.gov.ke",)]


def test_rule_forwards_a_copy_once_with_the_original_attached(imap_account, smtp, tmp_path):
    imap_account.append("INBOX", _arabic_contribution())
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    run_mailbot(env, "run", "--once")
    run_mailbot(env, "run", "--once")
    run_mailbot(env, "reprocess", "--all")
    recipients = sorted(tuple(mail.rcpt_tos) for mail in smtp.messages)
    assert recipients == [("arabic-translation@itu.int",), ("focal@cst.gov.sa",)]
    forward = next(mail.message() for mail in smtp.messages if "arabic-translation@itu.int" in mail.rcpt_tos)
    assert forward["Auto-Submitted"] == "auto-generated"
    (attached,) = list(forward.iter_attachments())
    assert attached.get_filename() == "GCA-2020-0001.eml"
    assert attached.get_content_type() == "message/rfc822"     # 7-bit original: a real attached message
    assert attached.get_content()["Message-ID"] == "<ar-1@cst.gov.sa>"
