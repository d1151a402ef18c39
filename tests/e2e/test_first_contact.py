"""First contact with a mailbox that already holds mail (issue #20), against the real Dovecot and SMTP
server: old mail is registered but not answered, mail answered by hand is left alone, a burst is held,
`ack release` sends each held acknowledgement once, and `run --once --dry-run` changes nothing."""
from __future__ import annotations

import collections
import email
import hashlib
from datetime import datetime, timedelta, timezone
from email import policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.mailbox import auto_reply, contribution, export, mailbot_env, run_mailbot

pytestmark = pytest.mark.servers

NOW = datetime.now(timezone.utc)
OLD = NOW - timedelta(days=40)          # well before the first read: backlog
YOUNG = NOW - timedelta(hours=2)        # younger than backlog_hours (24): answered


def _by_id(records: list[dict]) -> dict[str, dict]:
    return {record["message_id"]: record for record in records}


def _recipients(sink) -> collections.Counter:
    return collections.Counter(rcpt for mail in sink.messages for rcpt in mail.rcpt_tos)


def test_first_run_holds_old_and_answered_mail_and_answers_young_mail(imap_account, smtp, tmp_path):
    imap_account.append("INBOX", contribution(1), internaldate=OLD)
    imap_account.append("INBOX", contribution(2), internaldate=OLD + timedelta(hours=1))
    imap_account.append("INBOX", contribution(3), internaldate=YOUNG)
    imap_account.append("INBOX", contribution(4), internaldate=YOUNG, flags=[b"\\Answered"])
    env = mailbot_env(tmp_path / "state", imap_account, smtp)

    first = run_mailbot(env, "run", "--once")
    assert "acknowledgements held: 3 (mailbot ack release --all" in first.stdout
    assert set(_recipients(smtp)) == {"focal3@mfa.gov.ke"}
    records = _by_id(export(env))
    old = records["<c1.mfa.gov.ke@mail.mfa.gov.ke>"]
    assert old["reference"] and old["ack"]["status"] == "held"
    assert "before mailbot first read this folder on" in old["ack"]["reason"]
    assert old["ack"]["reason"].startswith("arrived ") and (" CET" in old["ack"]["reason"] or " CEST" in old["ack"]["reason"])
    answered = records["<c4.mfa.gov.ke@mail.mfa.gov.ke>"]
    assert answered["ack"]["status"] == "held" and "\\Answered" in answered["ack"]["reason"]
    assert records["<c3.mfa.gov.ke@mail.mfa.gov.ke>"]["ack"]["status"] == "sent"
    assert "held" in run_mailbot(env, "list").stdout
    assert "acknowledgements held: 3" in run_mailbot(env, "status").stdout
    assert "acknowledgement decision: held" in run_mailbot(env, "show", str(old["id"])).stdout

    # Appended after the first read, with an INTERNALDATE a year old (a migration tool): ordinary mail.
    imap_account.append("INBOX", contribution(5), internaldate=NOW - timedelta(days=365))
    run_mailbot(env, "run", "--once")
    assert _recipients(smtp)["focal5@mfa.gov.ke"] == 1

    dry = run_mailbot(env, "ack", "release", "--all", "--dry-run")
    assert dry.stdout.strip().endswith("would send 3 acknowledgements")
    assert len(smtp.messages) == 2                              # a dry run sends nothing

    one = run_mailbot(env, "ack", "release", old["reference"])
    assert "released 1 acknowledgement" in one.stdout
    (released,) = [mail for mail in smtp.messages if "focal1@mfa.gov.ke" in mail.rcpt_tos]
    text = released.message().get_body(("plain",)).get_content()
    arrived = OLD.astimezone(ZoneInfo("Europe/Zurich"))
    assert old["reference"] in text and f"{arrived:%H:%M}" in text and str(arrived.year) in text

    rest = run_mailbot(env, "ack", "release", "--all")
    assert "released 2 acknowledgements" in rest.stdout
    again = run_mailbot(env, "ack", "release", "--all")
    assert "released 0 acknowledgements" in again.stdout
    assert run_mailbot(env, "ack", "release", str(old["id"])).stdout.startswith(f"{old['id']}: no held")
    counts = _recipients(smtp)
    assert set(counts.values()) == {1} and len(counts) == 5   # each held acknowledgement exactly once
    assert all(record["ack"]["status"] == "sent" for record in export(env))


def test_a_recreated_folder_is_not_a_first_contact(imap_account, smtp, tmp_path):
    imap_account.append("Contributions", contribution(1), internaldate=OLD)
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_IMAP_FOLDER="Contributions")
    run_mailbot(env, "run", "--once")
    assert export(env)[0]["ack"]["status"] == "held"

    imap_account.delete_folder("Contributions")
    imap_account.append("Contributions", contribution(1), internaldate=OLD)       # same bytes again
    imap_account.append("Contributions", contribution(2), internaldate=OLD)
    run_mailbot(env, "run", "--once")
    records = _by_id(export(env))
    assert len(records) == 2                                            # known stays known, once
    assert records["<c1.mfa.gov.ke@mail.mfa.gov.ke>"]["ack"]["status"] == "held"
    assert records["<c2.mfa.gov.ke@mail.mfa.gov.ke>"]["ack"]["status"] == "sent"  # ordinary mail
    assert set(_recipients(smtp)) == {"focal2@mfa.gov.ke"}


def test_burst_guard_holds_a_run_over_the_limit_and_release_sends_them(imap_account, smtp, tmp_path):
    imap_account.append_many("INBOX", [contribution(number) for number in range(5)])
    env = mailbot_env(tmp_path / "state", imap_account, smtp, MAILBOT_ACK_MAX_PER_RUN="3")

    run = run_mailbot(env, "run", "--once")
    assert smtp.messages == []
    warning = [line for line in run.stderr.splitlines() if "WARNING" in line]
    assert len(warning) == 1, run.stderr
    assert "5 acknowledgements in one run, more than max_per_run = 3" in warning[0]
    assert "mailbot ack release --all" in warning[0] and "burst guard" in run.stdout
    records = export(env)
    assert {record["ack"]["status"] for record in records} == {"held"}
    assert "more than max_per_run = 3" in records[0]["ack"]["reason"]
    assert "acknowledgements held: 5" in run_mailbot(env, "status").stdout

    assert "released 5 acknowledgements" in run_mailbot(env, "ack", "release", "--all").stdout
    assert len(smtp.messages) == 5 and set(_recipients(smtp).values()) == {1}
    run_mailbot(env, "run", "--once")
    run_mailbot(env, "ack", "release", "--all")
    assert len(smtp.messages) == 5


def _state_snapshot(state: Path) -> dict[str, str]:
    """Every file of the state folder by content (the lock file only holds the last pid)."""
    return {str(path.relative_to(state)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(state.rglob("*")) if path.is_file() and path.name != "mailbot.lock"}


def _mailbox_snapshot(account) -> dict:
    with account.session() as client:
        folders = sorted(name for _flags, _sep, name in client.list_folders())
    return {folder: account.folder_flags(folder) for folder in folders}


def test_dry_run_leaves_mailbox_register_and_outbox_as_they_were(imap_account, smtp, tmp_path):
    imap_account.append("INBOX", contribution(1), internaldate=YOUNG)
    state = tmp_path / "state"
    env = mailbot_env(state, imap_account, smtp, MAILBOT_IMAP_PROCESSED_FOLDER="Processed")
    run_mailbot(env, "run", "--once")
    imap_account.append("INBOX", contribution(2), internaldate=YOUNG)
    imap_account.append("INBOX", contribution(3), internaldate=YOUNG, flags=[b"\\Answered"])
    imap_account.append("INBOX", auto_reply(9))
    before_state, before_mailbox = _state_snapshot(state), _mailbox_snapshot(imap_account)

    dry = run_mailbot(env, "run", "--once", "--dry-run")
    assert "would register 3 message(s): auto_reply 1, contribution 2" in dry.stdout
    assert "would send 1 acknowledgement(s)" in dry.stdout
    assert "would hold 1 acknowledgement(s)" in dry.stdout and "\\Answered" in dry.stdout
    assert _state_snapshot(state) == before_state
    assert _mailbox_snapshot(imap_account) == before_mailbox
    assert len(smtp.messages) == 1

    run_mailbot(env, "run", "--once")                 # the real run then does what the dry run said
    assert len(export(env)) == 4 and len(smtp.messages) == 2


def test_dry_run_on_a_new_state_folder_creates_nothing(imap_account, smtp, tmp_path):
    imap_account.append("INBOX", contribution(1), internaldate=OLD)
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    dry = run_mailbot(env, "run", "--once", "--dry-run")
    assert "would register 1 message(s): contribution 1" in dry.stdout and "would hold 1" in dry.stdout
    assert not (tmp_path / "state").exists()


# ---- the same first contact on a Maildir (file names carry the delivery time; ":2,R" is answered)

def _deliver(maildir: Path, raw: bytes, when: datetime, number: int, flags: str = "") -> None:
    folder = "cur" if flags else "new"
    name = f"{int(when.timestamp())}.M{number}P1.test" + (f":2,{flags}" if flags else "")
    (maildir / folder / name).write_bytes(raw)


def _maildir(tmp_path: Path) -> Path:
    maildir = tmp_path / "inbox"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    return maildir


def _outbox_recipients(state: Path) -> list[str]:
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default)["To"]
            for path in sorted((state / "outbox").glob("*.eml"))]


def test_first_contact_on_a_maildir(tmp_path):
    maildir, state = _maildir(tmp_path), tmp_path / "state"
    _deliver(maildir, contribution(1), OLD, 1)
    _deliver(maildir, contribution(2), YOUNG, 2)
    _deliver(maildir, contribution(3), YOUNG, 3, flags="RS")
    env = mailbot_env(state, MAILBOT_MAILDIR_PATH=str(maildir))
    run_mailbot(env, "run", "--once")
    records = _by_id(export(env))
    assert records["<c1.mfa.gov.ke@mail.mfa.gov.ke>"]["ack"]["status"] == "held"
    assert records["<c2.mfa.gov.ke@mail.mfa.gov.ke>"]["ack"]["status"] == "sent"
    assert "\\Answered" in records["<c3.mfa.gov.ke@mail.mfa.gov.ke>"]["ack"]["reason"]
    assert [to for to in _outbox_recipients(state) if "focal" in to] == ["focal2@mfa.gov.ke"]

    _deliver(maildir, contribution(4), OLD, 4)         # delivered after the first read: ordinary mail
    run_mailbot(env, "run", "--once")
    assert _by_id(export(env))["<c4.mfa.gov.ke@mail.mfa.gov.ke>"]["ack"]["status"] == "sent"
    released = run_mailbot(env, "ack", "release", "--all")
    assert "released 2 acknowledgements" in released.stdout
    recipients = [to for to in _outbox_recipients(state) if "focal" in to]
    assert sorted(recipients) == sorted(set(recipients)) and len(recipients) == 4
