"""The raw store's background writes: on disk before the register names them, failures not swallowed."""
from __future__ import annotations

import hashlib

import pytest

from mailbot.errors import StoreError
from mailbot.store.rawstore import RawStore


def test_put_soon_is_on_disk_once_settled(tmp_path):
    store = RawStore(tmp_path / "raw")
    raw = b"Subject: hello\r\n\r\nbody\r\n"
    digest = store.put_soon(raw)
    assert digest == hashlib.sha256(raw).hexdigest()
    assert store.put_soon(raw) == digest                 # queued once, not twice
    store.settle(digest)
    path = store.path_for(digest)
    assert path.read_bytes() == raw
    assert path.stat().st_mode & 0o777 == 0o600
    assert not list(path.parent.glob("*.tmp*"))
    inode = path.stat().st_ino
    store.settle(store.put_soon(raw))                   # already stored: not written again
    assert path.stat().st_ino == inode


def test_get_and_has_wait_for_a_queued_write(tmp_path):
    store = RawStore(tmp_path / "raw")
    raws = [f"Subject: {number}\r\n\r\n".encode() * 2000 for number in range(20)]
    digests = [store.put_soon(raw) for raw in raws]
    assert [store.get(digest) for digest in digests] == raws
    assert all(store.has(digest) for digest in digests)


def test_a_failed_background_write_is_raised_at_settle(tmp_path):
    blocker = tmp_path / "raw"
    blocker.write_text("a file where the store's folder should be")
    store = RawStore(blocker)
    digest = store.put_soon(b"Subject: x\r\n\r\n")
    with pytest.raises(StoreError, match="cannot store raw message"):
        store.settle(digest)


def test_a_raw_write_that_fails_in_the_background_stops_the_poll_before_any_register_row(tmp_path):
    """The write runs behind the stages; the record stage waits for it, so a message whose bytes could
    not be kept is neither registered nor marked processed."""
    from sqlmodel import select

    from mailbot.store.models import Message
    from mailbot.worker import poll_once
    from tests.backbone.fakes import ListSource, contribution, make_runtime

    runtime = make_runtime(tmp_path)
    runtime.raw_store.root.parent.mkdir(parents=True, exist_ok=True)
    runtime.raw_store.root.write_text("not a folder")
    source = ListSource([contribution(1), contribution(2)])
    with pytest.raises(StoreError, match="cannot store raw message"):
        poll_once(runtime, source)
    with runtime.session() as session:
        assert session.exec(select(Message)).all() == []
    assert source.processed_uids == []
