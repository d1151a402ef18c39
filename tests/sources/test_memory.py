"""MemorySource and MemorySeen: the stand-ins the pipeline's unit tests use."""
from __future__ import annotations

from mailbot.sources.memory import FIRST_RECEIVED, MemorySeen, MemorySource


def test_raw_messages_get_numbers_and_times_and_skip_what_is_seen():
    source = MemorySource([b"Subject: one\n\n1\n", b"Subject: two\n\n2\n"])
    seen = MemorySeen()
    first = list(source.fetch_new(seen))
    assert [item.uid for item in first] == ["1", "2"]
    assert first[0].received_at == FIRST_RECEIVED
    assert first[1].received_at > first[0].received_at
    seen.register(first[0])
    source.processed(first[0])
    assert [item.uid for item in source.fetch_new(seen)] == ["2"]
    assert source.processed_keys == [first[0].source_key]


def test_memory_seen_tracks_cursors_and_uidvalidities():
    seen = MemorySeen(["imap:INBOX:7:3"])
    seen.save_cursors([("INBOX", 9, 12)])
    seen.save_cursors([("INBOX", 9, 10)])          # never goes back
    assert seen.cursor("imap", "INBOX", 9) == 12
    assert seen.cursor("imap", "INBOX", 8) == 0
    assert seen.known_uidvalidities("imap", "INBOX") == [7, 9]
    assert seen.known_uidvalidities("imap", "Other") == []
