"""The in-hand book: what a crash counts against, batched let-go, and recovery after a kill."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest
from sqlmodel import Session, select

from mailbot.faults import FaultHook
from mailbot.inhand import POISON_ENDS, RELEASE_EVERY, InHandBook
from mailbot.store.models import InHand
from tests.builders import register

NOW = datetime(2020, 1, 10, 9, 0, tzinfo=timezone.utc)


@dataclass
class Fetched:
    source_key: str
    raw: bytes = b""

    def __post_init__(self):
        self.raw = self.raw or f"Message-ID: <{self.source_key}@example.org>\r\nSubject: s\r\n\r\nbody\r\n".encode()


class Clock:
    def now(self):
        return NOW


@dataclass
class Runtime:
    engine: object
    clock: Clock = field(default_factory=Clock)
    faults: FaultHook = field(default_factory=lambda: FaultHook(""))

    def session(self):
        return Session(self.engine)


@pytest.fixture
def runtime():
    engine = register()
    yield Runtime(engine)
    engine.dispose()


def rows(runtime) -> dict[str, tuple[str | None, int]]:
    with runtime.session() as session:
        return {row.source_key: (row.run, row.unclean_ends) for row in session.exec(select(InHand))}


def test_taken_messages_are_held_and_named_for_the_fault_hook(runtime):
    book = InHandBook(runtime)
    book.take([Fetched("a"), Fetched("b")])
    assert rows(runtime) == {"a": (book.run, 0), "b": (book.run, 0)}
    assert book.count == 2 and runtime.faults.in_hand == {"a@example.org", "b@example.org"}


def test_let_go_rows_are_deleted_in_batches_and_all_at_a_clean_end(runtime):
    book = InHandBook(runtime)
    batch = [Fetched(f"m{n}") for n in range(RELEASE_EVERY + 3)]
    book.take(batch)
    book.release(batch[:RELEASE_EVERY - 1])
    assert book.count == 4 and len(rows(runtime)) == len(batch)          # not deleted yet: one batch later
    assert "m0@example.org" not in runtime.faults.in_hand                  # but no longer held
    book.release(batch[RELEASE_EVERY - 1:RELEASE_EVERY])
    assert set(rows(runtime)) == {f"m{n}" for n in range(RELEASE_EVERY, RELEASE_EVERY + 3)}
    book.release(batch[RELEASE_EVERY:RELEASE_EVERY + 1])
    assert book.release_all() == 2 and rows(runtime) == {}


def test_a_killed_run_counts_one_unclean_end_against_what_it_held_and_poison_is_set_aside(runtime):
    for end in range(1, POISON_ENDS + 1):
        killed = InHandBook(runtime)
        killed.take([Fetched("bad"), Fetched("fine")])
        killed.release([Fetched("fine")])           # committed, its row still there when killed
        survivor = InHandBook(runtime)
        assert survivor.recover() == 2                # both rows were left by a run that did not end
        assert rows(runtime)["bad"] == (None, end)
        sorted_batch = survivor.sort([Fetched("bad"), Fetched("new")])
        assert [f.source_key for f in sorted_batch.ordinary] == ["new"]
        expected = "poison" if end >= POISON_ENDS else "suspects"
        assert [f.source_key for f in getattr(sorted_batch, expected)] == ["bad"]


def test_taking_again_a_message_left_by_a_killed_run_keeps_its_count(runtime):
    InHandBook(runtime).take([Fetched("again")])
    book = InHandBook(runtime)
    book.recover()
    book.take([Fetched("again")])
    assert rows(runtime)["again"] == (book.run, 1)
