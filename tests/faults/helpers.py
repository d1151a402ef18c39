"""What the fault tests share: a mailbox of contributions, and the exactly-once check."""
from __future__ import annotations

import collections
import sqlite3

from tests.e2e.mailbox import contribution, export

FAST_RETRIES = {"MAILBOT_IMAP_RECONNECT_DELAY_SECONDS": "0.1", "MAILBOT_IMAP_RECONNECT_ATTEMPTS": "4"}


def contributions(count: int, start: int = 0) -> list[bytes]:
    return [contribution(number) for number in range(start, start + count)]


def assert_each_once(env, sink, expected: int) -> list[dict]:
    """`expected` contributions registered once each and acknowledged once each, same Message-ID."""
    records = export(env)
    assert len(records) == expected
    assert len({record["message_id"] for record in records}) == expected
    answered = collections.Counter(mail.message()["In-Reply-To"] for mail in sink.messages)
    assert sorted(answered) == sorted(record["message_id"] for record in records)
    assert set(answered.values()) == {1}, answered.most_common(3)
    assert all(record["ack"]["status"] == "sent" for record in records)
    return records


def register_query(state_dir, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(f"file:{state_dir / 'register.sqlite3'}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()
