"""Admin routing rules through the real servers: move to a folder, forward a copy exactly once."""
from __future__ import annotations

from email.message import EmailMessage

import pytest

from tests.e2e.mailbox import contribution, export, mailbot_env, run_mailbot

pytestmark = pytest.mark.servers


def _arabic_contribution() -> bytes:
    mail = EmailMessage()
    mail["From"] = "Focal Point <focal@cst.gov.sa>"
    mail["To"] = "contributions@itu.int"
    mail["Subject"] = "مساهمة المملكة العربية السعودية في المبادئ التوجيهية"
    mail["Message-ID"] = "<ar-1@cst.gov.sa>"
    mail.set_content("السادة الكرام، تجدون مرفقا مساهمة المملكة العربية السعودية في وضع المبادئ التوجيهية "
                     "لاستخدام البرنامج العالمي للأمن السيبراني. مع خالص التحية.")
    return bytes(mail)


def _newsletter() -> bytes:
    mail = EmailMessage()
    mail["From"] = "GSMA <news@gsma.com>"
    mail["To"] = "contributions@itu.int"
    mail["Subject"] = "GSMA Newsletter - January"
    mail["Message-ID"] = "<nl-1@gsma.com>"
    mail.set_content("This month in mobile.")
    return bytes(mail)


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
