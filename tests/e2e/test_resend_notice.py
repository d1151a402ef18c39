"""Resends (issue #11, class 9): the same document again 24 hours or more after the first copy gets one
short "already registered" answer; within 24 hours no second mail; `duplicate_of` is set either way."""
from __future__ import annotations

import email
import re
from datetime import datetime, timedelta, timezone
from email import policy
from pathlib import Path

from tests.e2e.mailbox import REPO_ROOT, export, mailbot_env, run_mailbot

KENYA = REPO_ROOT / "data/demo/inbox/cur/1574932442.M1P1.demo:2,S"   # authenticated, with a Word document
FIRST = datetime(2020, 1, 8, 9, 0, tzinfo=timezone.utc)


def _copy(raw: bytes, mark: str) -> bytes:
    """The same mail sent again: a new Message-ID, the same document."""
    return re.sub(rb"(?im)^(message-id:\s*<)", rb"\g<1>" + mark.encode(), raw, count=1)


def _deliver(maildir: Path, raw: bytes, when: datetime, number: int) -> None:
    (maildir / "new" / f"{int(when.timestamp())}.M{number}P1.test").write_bytes(raw)


def _sent(state: Path) -> list:
    mails = [email.message_from_bytes(path.read_bytes(), policy=policy.default)
             for path in (state / "outbox").glob("*.eml")]
    return [mail for mail in mails if mail["To"] == "j.mwangi@ict.go.ke"]


def test_a_resend_after_a_day_is_told_it_arrived_a_resend_within_a_day_is_not(tmp_path):
    maildir, state = tmp_path / "inbox", tmp_path / "state"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    raw = KENYA.read_bytes()
    _deliver(maildir, raw, FIRST, 1)
    env = mailbot_env(state, MAILBOT_MAILDIR_PATH=str(maildir))
    run_mailbot(env, "run", "--once", "--now", (FIRST + timedelta(minutes=5)).isoformat())
    _deliver(maildir, _copy(raw, "soon"), FIRST + timedelta(hours=5), 2)
    _deliver(maildir, _copy(raw, "later"), FIRST + timedelta(days=3), 3)
    run_mailbot(env, "run", "--once", "--now", (FIRST + timedelta(days=3, minutes=5)).isoformat())

    first, soon, later = export(env)
    assert soon["duplicate_of"] == later["duplicate_of"] == first["message_id"]
    assert soon["ack"]["status"] == "suppressed" and "within 24 hours" in soon["ack"]["reason"]
    assert later["ack"]["status"] == "sent"
    mails = _sent(state)
    assert len(mails) == 2                                   # the acknowledgement and one notice
    (notice,) = [mail for mail in mails if "already registered" in mail["Subject"]]
    assert notice["In-Reply-To"] == later["message_id"]
    text = notice.get_body(("plain",)).get_content()
    assert first["reference"] in text and "January 8, 2020" in text
    shown = run_mailbot(env, "show", str(later["id"])).stdout
    assert "acknowledgement decision: send resend_notice" in shown
