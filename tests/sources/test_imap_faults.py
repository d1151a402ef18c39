"""IMAP faults through a proxy: dropped and stalled connections, cut literals, resume without loss."""
from __future__ import annotations

import re

import pytest

from mailbot.errors import SourceUnavailable
from mailbot.sources.imap import ImapSource
from tests.backbone.fakes import MemorySeen
from tests.servers import Fault, FaultProxy
from tests.sources.test_imap import message, poll

pytestmark = pytest.mark.servers


@pytest.fixture
def proxy(dovecot):
    faulty = FaultProxy(dovecot.host, dovecot.port)
    yield faulty
    faulty.close()


def source_via(proxy, account, **imap) -> ImapSource:
    return ImapSource(account.settings(port=proxy.port, **imap), account.password)


def consume(source, seen, got=None):
    """Fetch and register into `got` until done or the source fails; return `got`."""
    got = [] if got is None else got
    try:
        for fetched in source.fetch_new(seen):
            got.append(fetched)
            seen.register(fetched)
            source.processed(fetched)
    finally:
        seen.save_cursors(source.cursor_updates())
    return got


@pytest.mark.parametrize("action, after_bytes", [
    ("drop", 40),       # literal cut short
    ("drop", 0),        # connection dropped mid-FETCH, before the body
    ("stall", 60),      # server hangs mid-literal: the socket timeout ends it
], ids=["literal-cut-short", "drop-mid-fetch", "stall-mid-literal"])
def test_fault_mid_fetch_loses_nothing_and_repeats_nothing(proxy, imap_account, action, after_bytes):
    fault = Fault(trigger=b"BODY[] {", action=action, after_bytes=after_bytes)
    imap_account.append_many("INBOX", [message(number) for number in range(1, 8)])
    seen = MemorySeen()
    source = source_via(proxy, imap_account, batch_size=3, timeout=1.0)
    delivered = consume(source, seen)
    assert len(delivered) == 7
    imap_account.append_many("INBOX", [message(number) for number in range(8, 15)])
    fault.skip = 4                                 # batches 8-10 and 11-13: break inside the second
    proxy.fault = fault
    with pytest.raises(SourceUnavailable) as caught:
        consume(source, seen, delivered)
    assert caught.value.__cause__ is not None
    assert proxy.fired == [fault]
    assert sorted(int(item.uid) for item in delivered) == list(range(1, 11))   # whole batches only
    assert seen.cursor("imap", "INBOX", delivered[0].uidvalidity) == 10
    # the worker reconnects later and resumes by UID: every message exactly once, each whole
    consume(source, seen, delivered)
    source.close()
    assert sorted(int(item.uid) for item in delivered) == list(range(1, 15))
    assert all(item.raw == message(int(item.uid)) for item in delivered)


def test_fault_in_the_first_batch_yields_no_partial_message(proxy, imap_account):
    imap_account.append_many("INBOX", [message(number) for number in range(1, 4)])
    seen = MemorySeen()
    source = source_via(proxy, imap_account, timeout=1.0)
    proxy.fault = Fault(trigger=b"BODY[] {", action="drop", after_bytes=80)
    yielded = []
    with pytest.raises(SourceUnavailable):
        for fetched in source.fetch_new(seen):
            yielded.append(fetched)
    assert yielded == []
    assert source.cursor_updates() == []
    assert [item.uid for item in consume(source, seen)] == ["1", "2", "3"]


def test_a_poll_with_nothing_new_sends_the_same_commands_whatever_the_mailbox_size(proxy, dovecot):
    small, large = dovecot.new_user(), dovecot.new_user()
    small.append_many("INBOX", [message(1)])
    large.append_many("INBOX", [message(number) for number in range(1, 401)])
    sizes = {}
    for name, account in (("small", small), ("large", large)):
        seen = MemorySeen()
        source = source_via(proxy, account, batch_size=50)
        poll(source, seen)                        # first poll: backlog
        proxy.reset_record()
        assert poll(source, seen) == []           # the idle poll under test
        sizes[name] = _commands(proxy.client_bytes())
        source.close()
    assert [verb for verb, _length in sizes["small"]] == [verb for verb, _length in sizes["large"]]
    for (_verb, short), (_verb2, long) in zip(sizes["small"], sizes["large"]):
        assert long - short <= 4                  # only the cursor's digits differ (1 vs 400)
    assert max(length for _verb, length in sizes["large"]) < 80


def _commands(sent: bytes) -> list[tuple[str, int]]:
    lines = [line for line in sent.split(b"\r\n") if line]
    return [(re.sub(rb"^\S+ ", b"", line).split(b" ")[0].decode(), len(line)) for line in lines]
