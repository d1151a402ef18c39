"""MaildirSource on the bundled demo inbox and on small Maildirs built in the test."""
from __future__ import annotations

import email
import hashlib
import os
import sys
from datetime import datetime, timezone
from email import policy
from pathlib import Path

import pytest

from mailbot.config import DEMO_MAILDIR
from mailbot.errors import SourceError
from mailbot.sources.maildir import MaildirSource, received_time
from tests.backbone.fakes import MemorySeen
from tests.corpus import REPO_ROOT

DEMO_COUNT = 14
DEADLINE_GENEVA = datetime(2020, 1, 15, 22, 59, 59, tzinfo=timezone.utc)   # 23:59:59 in Geneva (CET)


def snapshot(folder: Path) -> dict[str, tuple[str, float]]:
    return {str(path.relative_to(folder)): (hashlib.sha256(path.read_bytes()).hexdigest(),
                                            path.stat().st_mtime)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_demo_inbox_yields_every_message_oldest_first():
    before = snapshot(DEMO_MAILDIR)
    source = MaildirSource(DEMO_MAILDIR)
    got = list(source.fetch_new(MemorySeen()))
    assert len(got) == DEMO_COUNT
    times = [item.received_at for item in got]
    assert times == sorted(times)
    assert all(item.received_at.tzinfo is not None for item in got)
    assert {item.source for item in got} == {"maildir"}
    assert {item.mailbox for item in got} == {str(DEMO_MAILDIR)}
    assert all(":" not in item.uid and item.uidvalidity == 0 for item in got)
    for item in got:
        source.processed(item)
    assert source.cursor_updates() == []
    assert source.wait_for_news(5) is False
    assert snapshot(DEMO_MAILDIR) == before          # read-only: not a byte, not a time changed


def test_demo_received_times_come_from_the_names_not_the_checkout():
    got = list(MaildirSource(DEMO_MAILDIR).fetch_new(MemorySeen()))
    for item in got:
        assert item.received_at == datetime.fromtimestamp(int(item.uid.split(".")[0]), tz=timezone.utc)
    assert got[0].received_at == datetime(2019, 11, 28, 9, 14, 2, tzinfo=timezone.utc)
    late = [item for item in got if item.received_at > DEADLINE_GENEVA]
    assert len(late) == 1
    assert b"apologies for the delay" in late[0].raw


def test_demo_inbox_has_the_promised_mix():
    messages = [email.message_from_bytes(item.raw, policy=policy.default)
                for item in MaildirSource(DEMO_MAILDIR).fetch_new(MemorySeen())]
    names = [part.get_filename() for message in messages for part in message.iter_attachments()
             if part.get_filename()]
    assert sum(name.endswith(".docx") for name in names) >= 5
    assert sum(name.endswith(".pdf") for name in names) >= 3
    assert any(message["Auto-Submitted"] == "auto-replied" and
               message["Subject"].startswith("Automatic reply:") for message in messages)
    assert any(message.get_content_type() == "multipart/report" and
               message.get_param("report-type") == "delivery-status" for message in messages)
    assert any(message["List-Id"] and message["Precedence"] == "bulk" for message in messages)
    assert any(message["From"].addresses[0].domain == "bluewin.ch" for message in messages)
    scripts = "".join(str(message["Subject"]) for message in messages)
    for sample in ("é", "ó", "Вклад", "مساهمة", "中国"):
        assert sample in scripts
    assert all(len(item.raw) < 100_000 for item in MaildirSource(DEMO_MAILDIR).fetch_new(MemorySeen()))


def test_generator_reproduces_the_committed_inbox(tmp_path):
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    try:
        import make_demo_inbox
    finally:
        sys.path.remove(str(REPO_ROOT / "scripts"))
    make_demo_inbox.write_inbox(make_demo_inbox.SPEC, tmp_path / "inbox")
    generated = {key: digest for key, (digest, _mtime) in snapshot(tmp_path / "inbox").items()}
    committed = {key: digest for key, (digest, _mtime) in snapshot(DEMO_MAILDIR).items()}
    assert generated == committed


def write(folder: Path, name: str, raw: bytes, mtime: float | None = None) -> Path:
    path = folder / name
    path.write_bytes(raw)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def maildir(tmp_path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "box" / sub).mkdir(parents=True)
    return tmp_path / "box"


def test_names_without_an_epoch_use_the_file_time(maildir):
    write(maildir / "new", "delivered-by-hand", b"Subject: a\n\nA\n", mtime=1_578_000_000)
    write(maildir / "cur", "1577000000.M1P2.host:2,S", b"Subject: b\n\nB\n", mtime=1_590_000_000)
    write(maildir / "tmp", "1560000000.M9P9.host", b"Subject: half written\n")
    write(maildir / "new", ".hidden", b"x")
    got = list(MaildirSource(maildir).fetch_new(MemorySeen()))
    assert [item.uid for item in got] == ["1577000000.M1P2.host", "delivered-by-hand"]
    assert got[1].received_at == datetime.fromtimestamp(1_578_000_000, tz=timezone.utc)


def test_registered_messages_are_skipped_and_moving_to_cur_keeps_the_key(maildir):
    write(maildir / "new", "1577000000.M1P2.host", b"Subject: a\n\nA\n")
    seen = MemorySeen()
    (first,) = MaildirSource(maildir).fetch_new(seen)
    seen.register(first)
    os.rename(maildir / "new" / "1577000000.M1P2.host", maildir / "cur" / "1577000000.M1P2.host:2,S")
    write(maildir / "new", "1577000100.M2P2.host", b"Subject: b\n\nB\n")
    assert [item.uid for item in MaildirSource(maildir).fetch_new(seen)] == ["1577000100.M2P2.host"]


def test_received_time_prefers_the_name():
    assert received_time("1576400000.M1P1.demo", 5.0) == datetime(2019, 12, 15, 8, 53, 20, tzinfo=timezone.utc)
    assert received_time("abc", 5.0) == datetime.fromtimestamp(5, tz=timezone.utc)


def test_missing_maildir_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        list(MaildirSource(tmp_path / "nowhere").fetch_new(MemorySeen()))
