"""ImapSource against a real Dovecot: incremental fetch, batches, processed folder, UIDVALIDITY, IDLE."""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta, timezone

import pytest

from mailbot.errors import SourceUnavailable
from mailbot.sources.imap import PROCESSED_KEYWORD, ImapSource, connect_with_backoff
from tests.backbone.fakes import MemorySeen
from tests.servers import free_port

pytestmark = pytest.mark.servers


def message(number: int, subject: str = "Contribution") -> bytes:
    return (f"From: Ministry <ict{number}@mfa.gov.ke>\r\nTo: contributions@itu.int\r\n"
            f"Subject: {subject} {number}\r\nMessage-ID: <m{number}@mfa.gov.ke>\r\n"
            f"Date: Mon, 6 Jan 2020 10:00:00 +0300\r\n\r\nInput number {number}.\r\n").encode()


def poll(source: ImapSource, seen: MemorySeen, process: bool = True) -> list:
    """One worker pass: fetch, register, mark processed, persist the cursor."""
    got = []
    for fetched in source.fetch_new(seen):
        got.append(fetched)
        if process:
            seen.register(fetched)
            source.processed(fetched)
    seen.save_cursors(source.cursor_updates())
    return got


@pytest.fixture
def source_for(imap_account):
    opened = []

    def make(**imap):
        source = ImapSource(imap_account.settings(**imap), imap_account.password)
        opened.append(source)
        return source
    yield make
    for source in opened:
        source.close()


def test_incremental_fetch_yields_only_new_messages(imap_account, source_for):
    for number in range(1, 4):
        imap_account.append("INBOX", message(number))
    seen = MemorySeen()
    source = source_for()
    first = poll(source, seen)
    assert [f.uid for f in first] == ["1", "2", "3"]
    assert first[0].raw == message(1)
    validity = imap_account.uidvalidity("INBOX")
    assert first[0].uidvalidity == validity
    assert first[0].source_key == f"imap:INBOX:{validity}:1"
    assert seen.cursor("imap", "INBOX", validity) == 3
    imap_account.append("INBOX", message(4))
    imap_account.append("INBOX", message(5))
    second = poll(source, seen)
    assert [f.raw for f in second] == [message(4), message(5)]
    assert seen.cursor("imap", "INBOX", validity) == 5
    assert poll(source, seen) == []          # `6:*` answers UID 5: it must be filtered out
    assert source.cursor_updates() == []


def test_received_at_is_internaldate_with_offset(imap_account, source_for):
    arrival = datetime(2020, 1, 15, 23, 58, 30, tzinfo=timezone(timedelta(hours=1)))
    imap_account.append("INBOX", message(1), internaldate=arrival)
    (fetched,) = poll(source_for(), MemorySeen())
    assert fetched.received_at == arrival
    assert fetched.received_at.utcoffset() is not None


def test_cursor_stops_below_an_unprocessed_message(imap_account, source_for):
    for number in range(1, 5):
        imap_account.append("INBOX", message(number))
    seen = MemorySeen()
    source = source_for()
    fetched = list(source.fetch_new(seen))
    for item in fetched:
        if item.uid != "3":          # the pipeline failed on UID 3: it was not registered
            seen.register(item)
            source.processed(item)
    assert source.cursor_updates() == [("INBOX", fetched[0].uidvalidity, 2)]
    seen.save_cursors(source.cursor_updates())
    again = poll(source, seen)
    assert [item.uid for item in again] == ["3"]    # 4 is registered: skipped, not fetched again
    assert seen.cursor("imap", "INBOX", fetched[0].uidvalidity) == 4


def test_batches_fetch_every_message_once(imap_account, source_for, caplog):
    imap_account.append_many("INBOX", [message(number) for number in range(1, 6)])
    source = source_for(batch_size=2)
    calls = []
    real_fetch_group = source._fetch_group
    source._fetch_group = lambda group, validity: calls.append(list(group)) or real_fetch_group(group, validity)
    got = poll(source, MemorySeen())
    assert [item.uid for item in got] == ["1", "2", "3", "4", "5"]
    assert calls == [[1, 2], [3, 4], [5]]


def test_peek_leaves_messages_unseen_without_processed_folder(imap_account, source_for):
    imap_account.append("INBOX", message(1))
    poll(source_for(), MemorySeen())
    flags = imap_account.folder_flags("INBOX")
    assert b"\\Seen" not in flags[1]
    assert imap_account.folder_uids("INBOX") == [1]


def test_processed_messages_move_to_the_processed_folder(imap_account, source_for):
    for number in range(1, 4):
        imap_account.append("INBOX", message(number))
    seen = MemorySeen()
    source = source_for(processed_folder="Processed/GCA 2020")
    fetched = list(source.fetch_new(seen))
    assert b"\\Seen" not in imap_account.folder_flags("INBOX")[1]   # still unread while in flight
    for item in fetched[:2]:
        seen.register(item)
        source.processed(item)
    assert imap_account.folder_uids("INBOX") == [3]
    assert len(imap_account.folder_uids("Processed/GCA 2020")) == 2
    assert source.cursor_updates() == [("INBOX", fetched[0].uidvalidity, 2)]


def test_without_move_copies_and_flags_and_never_expunges(dovecot, source_for, imap_account):
    for number in range(1, 3):
        imap_account.append("INBOX", message(number))
    with dovecot.without_move():
        source = source_for(processed_folder="Processed")
        seen = MemorySeen()
        got = poll(source, seen)
        assert not source._client.has_capability("MOVE")
        source.close()
    assert len(got) == 2
    assert imap_account.folder_uids("INBOX") == [1, 2]          # originals kept, nothing expunged
    assert len(imap_account.folder_uids("Processed")) == 2
    flags = imap_account.folder_flags("INBOX")
    for uid in (1, 2):
        assert b"\\Seen" in flags[uid]
        assert PROCESSED_KEYWORD.encode() in flags[uid]
        assert b"\\Deleted" not in flags[uid]


def test_uidvalidity_change_restarts_from_zero_with_a_warning(imap_account, source_for, caplog):
    imap_account.create_folder("Consultation")
    imap_account.append("Consultation", message(1))
    imap_account.append("Consultation", message(2))
    seen = MemorySeen()
    first = poll(source_for(folder="Consultation"), seen)
    old_validity = first[0].uidvalidity
    assert seen.cursor("imap", "Consultation", old_validity) == 2
    imap_account.delete_folder("Consultation")
    imap_account.append("Consultation", message(3))            # recreated: a new UIDVALIDITY
    assert imap_account.uidvalidity("Consultation") != old_validity
    with caplog.at_level(logging.WARNING, logger="mailbot.sources.imap"):
        again = poll(source_for(folder="Consultation"), seen)
    assert [item.raw for item in again] == [message(3)]
    assert again[0].uid == "1"
    assert any("UIDVALIDITY" in record.getMessage() and record.name == "mailbot.sources.imap"
               for record in caplog.records)


def test_uid_gone_between_search_and_fetch_is_not_processed(imap_account, source_for):
    for number in range(1, 4):
        imap_account.append("INBOX", message(number))
    source = source_for()
    seen = MemorySeen()
    real_size_groups = source._size_groups

    def expunge_then_fetch(batch):
        imap_account.expunge_uids("INBOX", [2])      # another client, after our SEARCH
        return real_size_groups(batch)
    source._size_groups = expunge_then_fetch
    got = poll(source, seen)
    assert [item.uid for item in got] == ["1", "3"]
    assert source.cursor_updates() == [("INBOX", got[0].uidvalidity, 1)]   # 2 not done this poll
    source._size_groups = real_size_groups
    assert poll(source, seen) == []
    assert seen.cursor("imap", "INBOX", got[0].uidvalidity) == 3      # 2 is gone: cursor passes it


def test_idle_wakes_up_when_another_client_appends(imap_account, source_for):
    imap_account.append("INBOX", message(1))
    source = source_for()
    seen = MemorySeen()
    poll(source, seen)
    timer = threading.Timer(0.3, imap_account.append, args=("INBOX", message(2)))
    timer.start()
    try:
        assert source.wait_for_news(timeout=20) is True
    finally:
        timer.join()
    assert [item.uid for item in poll(source, seen)] == ["2"]


def test_idle_times_out_without_news(imap_account, source_for):
    source = source_for()
    poll(source, MemorySeen())
    assert source.wait_for_news(timeout=0.2) is False


def test_mail_arriving_while_busy_is_news_at_once(imap_account, source_for):
    source = source_for()
    seen = MemorySeen()
    poll(source, seen)
    imap_account.append("INBOX", message(1))
    assert source.wait_for_news(timeout=0) is True


def test_idle_disabled_returns_false_at_once(imap_account, source_for):
    source = source_for(idle=False)
    assert source.wait_for_news(timeout=30) is False


def test_connection_refused_is_source_unavailable(imap_account):
    settings = imap_account.settings(port=free_port())
    with pytest.raises(SourceUnavailable) as caught:
        list(ImapSource(settings, "x").fetch_new(MemorySeen()))
    assert isinstance(caught.value.__cause__, OSError)


def test_connect_with_backoff_retries_then_raises(imap_account):
    settings = imap_account.settings(port=free_port())
    waits = []
    with pytest.raises(SourceUnavailable):
        connect_with_backoff(settings, "x", attempts=4, sleep=waits.append, base_delay=0.5)
    assert waits == [0.5, 1.0, 2.0]
    source = connect_with_backoff(imap_account.settings(), imap_account.password, sleep=waits.append)
    source.close()


def test_folder_recreated_under_an_open_session(imap_account, source_for):
    imap_account.create_folder("Box")
    imap_account.append("Box", message(1))
    seen = MemorySeen()
    source = source_for(folder="Box")
    poll(source, seen)
    imap_account.delete_folder("Box")
    imap_account.append("Box", message(2))
    got = poll(source, seen)      # the kept session is stale: the source must notice and reselect
    assert [item.raw for item in got] == [message(2)]
    assert got[0].uid == "1" and got[0].uidvalidity == imap_account.uidvalidity("Box")


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_and_starttls_with_a_trusted_certificate(dovecot, imap_account, monkeypatch, security):
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.ca_file))
    port = dovecot.tls_port if security == "tls" else dovecot.port
    imap_account.append("INBOX", message(1))
    source = ImapSource(imap_account.settings(security=security, port=port), imap_account.password)
    try:
        assert [item.raw for item in source.fetch_new(MemorySeen())] == [message(1)]
    finally:
        source.close()


def test_untrusted_certificate_is_refused(dovecot, imap_account):
    source = ImapSource(imap_account.settings(security="tls", port=dovecot.tls_port), imap_account.password)
    with pytest.raises(SourceUnavailable, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        list(source.fetch_new(MemorySeen()))


def test_wrong_password_is_a_source_error_not_a_retry(imap_account):
    from mailbot.errors import SourceError

    source = ImapSource(imap_account.settings(), "not-the-password")
    with pytest.raises(SourceError, match="login refused") as caught:
        list(source.fetch_new(MemorySeen()))
    assert not isinstance(caught.value, SourceUnavailable)


def test_registered_uids_are_looked_up_in_batches_not_one_by_one(imap_account, source_for):
    imap_account.append_many("INBOX", [message(number) for number in range(1, 7)])
    seen = MemorySeen()
    source = source_for()
    for fetched in source.fetch_new(seen):
        if fetched.uid in ("2", "5"):
            seen.register(fetched)          # registered, but the cursor was never saved
    seen.is_seen = lambda key: pytest.fail("per-message lookup where a batch lookup exists")
    seen.batch_lookups = 0
    again = poll(source, seen)
    assert [item.uid for item in again] == ["1", "3", "4", "6"]
    assert seen.batch_lookups == 1


def test_supports_idle_follows_settings_and_server(imap_account, source_for):
    assert source_for().supports_idle is True
    assert source_for(idle=False).supports_idle is False
