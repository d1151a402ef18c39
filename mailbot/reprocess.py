"""Replay stored raw messages through the pipeline; the register row is updated in place."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import select

from mailbot.outbox.deliver import deliver_due
from mailbot.pipeline import REPLAY, process
from mailbot.workitem import Fetched, WorkItem
from mailbot.store.models import Message

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def reprocess_messages(runtime: Runtime, message_pks: list[int] | None) -> int:
    with runtime.session() as session:
        query = select(Message.id, Message.raw_sha256, Message.received_at).order_by(Message.id)
        if message_pks is not None:
            query = query.where(Message.id.in_(message_pks))
        rows = session.exec(query).all()
    for _pk, digest, received_at in rows:
        raw = runtime.raw_store.get(digest)
        fetched = Fetched(source="replay", mailbox="", uidvalidity=0, uid=digest, received_at=received_at, raw=raw)
        item = WorkItem(fetched=fetched, raw_sha256=digest, now=runtime.clock.now())
        process(item, runtime, REPLAY)

    deliver_due(runtime)
    return len(rows)
