"""Queries on the register that several parts of mailbot share."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterable

from sqlalchemy import Connection, bindparam, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mailbot.kinds import ACK_PURPOSES, OutboxStatus
from mailbot.store.models import Cursor, Event, FirstContact, Message, MessageSource, Outbox, PollState



@dataclass(frozen=True)
class FirstRead:
    """When mailbot first read a folder, and what was already there then (its backlog candidates)."""

    read_at: datetime
    uidvalidity: int = 0
    uidnext: int = 0
    present: frozenset[str] = frozenset()

    def already_there(self, uidvalidity: int, uid: str) -> bool:
        """IMAP: same UIDVALIDITY and a UID below UIDNEXT at that read; Maildir: a file present then."""
        if self.present:
            return uid in self.present
        return uidvalidity == self.uidvalidity and uid.isdigit() and int(uid) < self.uidnext


def _first_read(row: FirstContact) -> FirstRead:
    read_at = row.read_at if row.read_at.tzinfo else row.read_at.replace(tzinfo=timezone.utc)
    return FirstRead(read_at, row.uidvalidity, row.uidnext, frozenset(row.present or ()))


class RegisterSeen:
    """The register as a source sees it: which keys are registered, and the IMAP cursor."""

    def __init__(self, session_factory, now: Callable[[], datetime] | None = None):
        self.session_factory = session_factory
        self.now = now or (lambda: datetime.now(timezone.utc))

    def first_read(self, source: str, mailbox: str, uidvalidity: int, uidnext: int,
                   present: Callable[[], Iterable[str]] = tuple) -> FirstRead | None:
        """The folder's first read, recorded now (service clock) if this is mailbot's first look at it.

        None when the register knew the folder before first reads were recorded, or knows it under
        another UIDVALIDITY (a recreated folder is not a first contact: the rest is ordinary mail)."""
        with self.session_factory() as session:
            row = session.exec(select(FirstContact).where(FirstContact.source == source,
                                                          FirstContact.mailbox == mailbox)).first()
            if row is not None:
                return _first_read(row)
        if self.known_uidvalidities(source, mailbox):
            return None
        row = FirstContact(source=source, mailbox=mailbox, read_at=self.now(), uidvalidity=uidvalidity,
                           uidnext=uidnext, present=sorted(present()))
        with self.session_factory() as session:
            session.add(row)
            try:
                session.commit()
            except IntegrityError:      # another worker recorded it first: theirs counts
                session.rollback()
                row = session.exec(select(FirstContact).where(FirstContact.source == source,
                                                              FirstContact.mailbox == mailbox)).one()
        return _first_read(row)

    def is_seen(self, source_key: str) -> bool:
        with self.session_factory() as session:
            return session.exec(select(MessageSource.id)
                                .where(MessageSource.source_key == source_key)).first() is not None

    def seen_uids(self, source: str, mailbox: str, uidvalidity: int, uids: list[str]) -> set[str]:
        """Which of these UIDs are registered already (one query per batch, not per message)."""
        with self.session_factory() as session:
            rows = session.exec(select(MessageSource.uid).where(
                MessageSource.source == source, MessageSource.mailbox == mailbox,
                MessageSource.uidvalidity == uidvalidity, MessageSource.uid.in_(uids))).all()
            return set(rows)

    def cursor(self, source: str, mailbox: str, uidvalidity: int) -> int:
        with self.session_factory() as session:
            row = session.exec(select(Cursor).where(Cursor.source == source, Cursor.mailbox == mailbox,
                                                    Cursor.uidvalidity == uidvalidity)).first()
            return row.last_uid if row else 0

    def known_uidvalidities(self, source: str, mailbox: str) -> list[int]:
        with self.session_factory() as session:
            cursors = session.exec(select(Cursor.uidvalidity).where(Cursor.source == source,
                                                                    Cursor.mailbox == mailbox)).all()
            sources = session.exec(select(MessageSource.uidvalidity).distinct().where(
                MessageSource.source == source, MessageSource.mailbox == mailbox)).all()
            return sorted(set(cursors) | set(sources))

    def note_event(self, kind: str, dedupe: str, detail: str) -> None:
        """An operational event for staff (shown by `status` and the digest), once per dedupe key."""
        from datetime import timezone

        with self.session_factory() as session:
            record_event_once(session, datetime.now(timezone.utc), kind, dedupe, detail)
            session.commit()

    def save_cursors(self, source: str, updates: list[tuple[str, int, int]], now: datetime) -> None:
        with self.session_factory() as session:
            for mailbox, uidvalidity, last_uid in updates:
                row = session.exec(select(Cursor).where(Cursor.source == source, Cursor.mailbox == mailbox,
                                                        Cursor.uidvalidity == uidvalidity)).first()
                if row is None:
                    row = Cursor(source=source, mailbox=mailbox, uidvalidity=uidvalidity, updated_at=now)
                if last_uid > row.last_uid:
                    row.last_uid = last_uid
                row.updated_at = now
                session.add(row)
            session.commit()


def ack_count_today(connection: Connection, address: str, now: datetime) -> int:
    """Acknowledgements queued to this address in the 24 hours before `now`.

    An ack goes to its message's From address, so the sender's messages (indexed by from_address)
    lead to their outbox rows (indexed by message_pk): no scan of the day's acks and their JSON
    recipients, which made a backfill quadratic. Purpose is checked here, not in SQL, because SQLite
    would otherwise pick the purpose index and scan every ack again."""
    since = now - timedelta(hours=24)
    purposes = connection.execute(_SENDERS_PURPOSES, {"address": address, "since": since}).scalars()
    return sum(1 for purpose in purposes if purpose in ACK_PURPOSES)


# Built once, run on a bare connection (no Session): through the ORM this cost ~1 ms a message.
_SENDERS_PURPOSES = select(Outbox.purpose).where(
    Outbox.message_pk.in_(select(Message.id).where(Message.from_address == bindparam("address"))),
    Outbox.created_at >= bindparam("since"))


def hold_burst(session_factory, message_pks: list[int], reason: str, now: datetime) -> int:
    """Turn these messages' pending acknowledgements into held ones (burst guard); returns how many."""
    from sqlalchemy import update

    held = 0
    with session_factory() as session:
        for start in range(0, len(message_pks), 500):
            held += session.execute(update(Outbox).where(
                Outbox.message_pk.in_(message_pks[start:start + 500]), Outbox.purpose.in_(ACK_PURPOSES),
                Outbox.status == OutboxStatus.PENDING).values(status=OutboxStatus.HELD, last_error=reason)).rowcount
        for start in range(0, len(message_pks), 500):
            for message in session.exec(select(Message).where(Message.id.in_(message_pks[start:start + 500]))):
                message.ack_decision = f"held: {reason}"
                session.add(message)
        record_event_once(session, now, "ack_burst", now.isoformat(),
                          f"{reason}: {held} held; mailbot ack release --all sends them")
        session.commit()
    return held


def held_count(session: Session) -> int:
    """Acknowledgements waiting for `mailbot ack release`."""
    return session.exec(select(func.count()).select_from(Outbox).where(Outbox.status == OutboxStatus.HELD)).one()


def record_event_once(session: Session, now: datetime, kind: str, dedupe: str, detail: str,
                      message_pk: int | None = None) -> bool:
    """Add an Event unless one of this kind with this dedupe text exists; True when added."""
    marker = f"[{dedupe}] "
    exists = session.exec(select(func.count()).select_from(Event).where(
        Event.kind == kind, Event.detail.startswith(marker))).one()
    if exists:
        return False
    session.add(Event(at=now, kind=kind, message_pk=message_pk, detail=marker + detail))
    return True


def set_poll_state(session_factory, name: str, value: str, now: datetime) -> None:
    with session_factory() as session:
        row = session.get(PollState, name) or PollState(name=name, updated_at=now)
        row.value, row.updated_at = value, now
        session.add(row)
        session.commit()
