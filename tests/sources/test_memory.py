"""ListSource and MemorySeen: the stand-ins the pipeline's and sources' unit tests use."""
from __future__ import annotations

from tests.backbone.fakes import ListSource, MemorySeen


def test_list_source_numbers_messages_and_skips_what_is_seen():
    source = ListSource([b"Subject: one\n\n1\n", b"Subject: two\n\n2\n"])
    seen = MemorySeen()
    first = list(source.fetch_new(seen))
    assert [item.uid for item in first] == ["1", "2"]
    seen.register(first[0])
    source.processed(first[0])
    assert [item.uid for item in source.fetch_new(seen)] == ["2"]
    assert source.processed_uids == ["1"]


def test_memory_seen_tracks_cursors_and_uidvalidities():
    seen = MemorySeen(["imap:INBOX:7:3"])
    seen.save_cursors([("INBOX", 9, 12)])
    seen.save_cursors([("INBOX", 9, 10)])          # never goes back
    assert seen.cursor("imap", "INBOX", 9) == 12
    assert seen.cursor("imap", "INBOX", 8) == 0
    assert seen.known_uidvalidities("imap", "INBOX") == [7, 9]
    assert seen.known_uidvalidities("imap", "Other") == []
