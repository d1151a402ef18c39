"""The messages a worker holds, kept in the register, so that a crash counts against them.

A message is taken in hand (a row in `in_hand` with this run's id) before its raw bytes are stored,
and let go when its register row commits or when a clean stop abandons it. A row another run left
behind means that run ended uncleanly while holding it: one more unclean end. A message with one
is a suspect and goes through alone, so the next crash points at it and not at its neighbours; at
POISON_ENDS it is set aside (registered from its stored bytes and headers, for review, no receipt).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import uuid
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32

from sqlalchemy import delete, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import select

from mailbot.store.models import InHand, MessageSource

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

POISON_ENDS = 3
POISON_REASON = f"the worker stopped {POISON_ENDS} times while handling this message"
LOOKUP_CHUNK = 500
# Let-go rows are deleted this many at a time, not one transaction per message: a row left by a
# crash for a message that did commit is removed by `recover` (it is registered), so the delay
# costs nothing, and a commit per message was a tenth of a plain message's time.
RELEASE_EVERY = 64


_TAKEN_COLUMNS = {column: sqlite_insert(InHand).excluded[column]
                  for column in ("message_id", "run", "unclean_ends", "updated_at")}


@dataclass(frozen=True)
class Sorted:
    """One fetched batch split by what earlier runs saw: ordinary, suspect (alone), poison."""

    ordinary: list
    suspects: list
    poison: list


def header_identity(raw: bytes) -> tuple[str | None, str]:
    """Message-ID (without angle brackets) and Subject from the headers alone, whatever the body is."""
    try:
        headers = BytesHeaderParser(policy=compat32).parsebytes(raw[:256 * 1024])
        message_id = str(headers.get("Message-ID", "") or "").strip().strip("<>") or None
        return message_id, str(headers.get("Subject", "") or "")
    except Exception:  # noqa: BLE001 - headers too broken to read: identified by the raw hash only
        return None, ""


class InHandBook:
    """This run's view of the `in_hand` table."""

    def __init__(self, runtime: Runtime):
        self.runtime = runtime
        self.run = uuid.uuid4().hex
        self._ids: dict[str, str | None] = {}        # source key -> Message-ID, held now
        self._let_go: list[str] = []                  # released, their rows not yet deleted

    @property
    def count(self) -> int:
        return len(self._ids)

    def recover(self) -> int:
        """Rows other runs left behind: each is one more unclean end; returns how many."""
        now = self.runtime.clock.now()
        with self.runtime.session() as session:
            # Committed, then killed before it was let go: registered, so no longer in hand.
            session.execute(delete(InHand).where(InHand.source_key.in_(select(MessageSource.source_key))))
            counted = session.execute(update(InHand).where(InHand.run.is_not(None), InHand.run != self.run)
                                      .values(unclean_ends=InHand.unclean_ends + 1, run=None,
                                              updated_at=now)).rowcount
            session.commit()
        return counted

    def sort(self, batch: list) -> Sorted:
        """Split fetched messages by their unclean ends so far."""
        ends = self._unclean_ends([fetched.source_key for fetched in batch])
        ordinary: list = []
        suspects: list = []
        poison: list = []
        for fetched in batch:
            count = ends.get(fetched.source_key, 0)
            (poison if count >= POISON_ENDS else suspects if count else ordinary).append(fetched)
        return Sorted(ordinary, suspects, poison)

    def take(self, batch: list) -> None:
        """Hold these messages: a crash from now on counts against them."""
        now = self.runtime.clock.now()
        ends = self._unclean_ends([fetched.source_key for fetched in batch])
        rows = []
        for fetched in batch:
            message_id, _subject = header_identity(fetched.raw)
            rows.append({"source_key": fetched.source_key, "message_id": message_id, "run": self.run,
                         "unclean_ends": ends.get(fetched.source_key, 0), "updated_at": now})
            self._ids[fetched.source_key] = message_id
        if rows:        # one statement for the batch (a row left by an earlier run is replaced)
            with self.runtime.session() as session:
                session.execute(sqlite_insert(InHand).on_conflict_do_update(
                    index_elements=["source_key"], set_=_TAKEN_COLUMNS), rows)
                session.commit()
        self.runtime.faults.in_hand.update(message_id for message_id in self._ids.values() if message_id)

    def release(self, fetched_list: list) -> None:
        """Let go of these messages (committed, or abandoned by a clean stop)."""
        keys = [fetched.source_key for fetched in fetched_list if fetched.source_key in self._ids]
        for key in keys:
            message_id = self._ids.pop(key, None)
            if message_id and message_id not in self._ids.values():
                self.runtime.faults.in_hand.discard(message_id)
        self._let_go.extend(keys)
        if len(self._let_go) >= RELEASE_EVERY:
            self._delete_let_go()

    def _delete_let_go(self) -> None:
        keys, self._let_go = self._let_go, []
        if not keys:
            return
        with self.runtime.session() as session:
            for start in range(0, len(keys), LOOKUP_CHUNK):
                session.execute(delete(InHand).where(InHand.source_key.in_(keys[start:start + LOOKUP_CHUNK]),
                                                     InHand.run == self.run))
            session.commit()

    def release_all(self) -> int:
        """A clean end: nothing this run holds counts as a crash; returns how many were held."""
        held = len(self._ids)
        if held or self._let_go:
            with self.runtime.session() as session:
                session.execute(delete(InHand).where(InHand.run == self.run))
                session.commit()
        self._ids.clear()
        self._let_go.clear()
        self.runtime.faults.in_hand.clear()
        return held

    def _unclean_ends(self, keys: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        with self.runtime.session() as session:
            for start in range(0, len(keys), LOOKUP_CHUNK):
                rows = session.exec(select(InHand.source_key, InHand.unclean_ends)
                                    .where(InHand.source_key.in_(keys[start:start + LOOKUP_CHUNK]))).all()
                found.update({key: count for key, count in rows})
        return found
