"""The register's tables (SQLModel). Schema changes go through an Alembic revision."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from mailbot.kinds import Kind, MessageStatus, OutboxStatus


# Named factories, not the builtins `list`/`dict`: pydantic inspects a factory's signature each time a
# row object is built, and inspecting a builtin costs ~40 us; nine of them made Message() cost 0.45 ms.
def _empty_list() -> list:
    return []


def _empty_dict() -> dict:
    return {}


class Message(SQLModel, table=True):
    """One inbound message, whatever it is; the raw bytes live in the raw store by sha256."""

    __tablename__ = "message"
    id: Optional[int] = Field(default=None, primary_key=True)
    raw_sha256: str = Field(index=True, unique=True)
    raw_size: int = 0
    message_id: Optional[str] = Field(default=None, index=True)
    from_address: Optional[str] = Field(default=None, index=True)
    from_name: Optional[str] = None
    from_header: Optional[str] = None
    reply_to: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))
    to_addrs: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))
    cc_addrs: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))
    subject: str = ""
    date_header: Optional[datetime] = None
    received_at: datetime = Field(index=True)      # UTC, from INTERNALDATE or file time
    body_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    language: Optional[str] = None
    kind: str = Field(default=Kind.OTHER.value, index=True)
    kind_reason: str = ""
    status: str = Field(default=MessageStatus.PROCESSED.value, index=True)   # processed | error
    error_text: Optional[str] = Field(default=None, sa_column=Column(Text))
    defects: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))
    states: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))
    category: Optional[str] = None
    confidence: float = 0.0
    needs_review: bool = Field(default=False, index=True)
    review_reasons: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))
    forwarded: bool = False
    duplicate_of: Optional[str] = None
    revision_of: Optional[str] = None
    late: bool = False
    reference: Optional[str] = Field(default=None, unique=True)
    trail: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))
    rules_version: Optional[str] = None
    ack_suppressed_reason: Optional[str] = None
    ack_decision: Optional[str] = None      # the acknowledge stage's AckDecision, in words
    # A human's decision (mailbot review set) wins over the machine and survives reprocessing.
    manual_states: Optional[list] = Field(default=None, sa_column=Column(JSON))
    manual_note: Optional[str] = None
    manual_states_before: Optional[list] = Field(default=None, sa_column=Column(JSON))   # what the machine had
    manual_by: Optional[str] = None
    manual_at: Optional[datetime] = None
    manual_kind: Optional[str] = None          # the kind a person chose (None: the machine's kind stands)
    manual_kind_before: Optional[str] = None   # the machine's kind when the person chose another
    # Robot mail (bounce, delay, delivered, complaint): {"recipients": [{address, status, action, permanent}]}
    bounce: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    processed_at: datetime
    updated_at: datetime


class MessageSource(SQLModel, table=True):
    """Where a message was seen: one row per mailbox/UIDVALIDITY/UID (or Maildir name)."""

    __tablename__ = "message_source"
    id: Optional[int] = Field(default=None, primary_key=True)
    source_key: str = Field(unique=True)
    message_pk: int = Field(foreign_key="message.id", index=True)
    source: str
    mailbox: str
    uidvalidity: int
    uid: str
    moved_to: Optional[str] = None


class Attachment(SQLModel, table=True):
    """One attached document of a message, with the outcome of its extraction."""

    __tablename__ = "attachment"
    __table_args__ = (UniqueConstraint("message_pk", "position"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    message_pk: int = Field(foreign_key="message.id", index=True)
    position: int
    filename: Optional[str] = None          # as sent: data only, never a path
    safe_name: str
    declared_type: str = ""
    content_type: str = ""                  # sniffed from the bytes
    size: int = 0
    sha256: str = Field(index=True)
    is_inline: bool = False
    status: str = "unsupported"
    reason: str = ""
    text_chars: int = 0
    language: Optional[str] = None
    from_forwarded: bool = False


class Extraction(SQLModel, table=True):
    """Extraction cache: identical bytes are extracted once, ever."""

    __tablename__ = "extraction"
    sha256: str = Field(primary_key=True)
    extractor_version: str = ""
    status: str
    reason: str = ""
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    first_page_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    pages: Optional[int] = None
    language: Optional[str] = None
    ocr: bool = False
    meta: dict = Field(default_factory=_empty_dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime


class Cursor(SQLModel, table=True):
    """IMAP position: the highest UID below which every message is registered."""

    __tablename__ = "cursor"
    __table_args__ = (UniqueConstraint("source", "mailbox", "uidvalidity"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    source: str
    mailbox: str
    uidvalidity: int
    last_uid: int = 0
    updated_at: datetime


class FirstContact(SQLModel, table=True):
    """The first time mailbot read a mailbox folder: what was already there is its backlog."""

    __tablename__ = "first_contact"
    __table_args__ = (UniqueConstraint("source", "mailbox"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    source: str
    mailbox: str
    read_at: datetime                       # by the service's clock (`--now` sets it)
    uidvalidity: int = 0
    uidnext: int = 0                        # IMAP: UIDs below it were already there
    present: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))  # Maildir names


class Counter(SQLModel, table=True):
    """Named sequences (receipt numbers)."""

    __tablename__ = "counter"
    name: str = Field(primary_key=True)
    value: int = 0


class Outbox(SQLModel, table=True):
    """Transactional outbox: written with the register row, delivered and marked by the sender.

    `key` makes each side effect happen once (e.g. "ack:<message pk>", "reminder:KEN:14").
    The full MIME bytes are rendered when the row is written, so a resend is identical.
    """

    __tablename__ = "outbox"
    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    purpose: str = Field(index=True)        # ack | late_ack | reminder | milestone | digest | forward
    message_pk: Optional[int] = Field(default=None, foreign_key="message.id", index=True)
    recipients: list = Field(default_factory=_empty_list, sa_column=Column(JSON, nullable=False))
    envelope_from: str = ""
    message_id: str = Field(index=True)
    subject: str = ""
    language: Optional[str] = None
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    status: str = Field(default=OutboxStatus.PENDING.value, index=True)   # pending | held | sending | sent | failed | suppressed
    attempts: int = 0
    next_attempt_at: Optional[datetime] = None
    last_error: Optional[str] = None
    created_at: datetime
    sent_at: Optional[datetime] = None


class Event(SQLModel, table=True):
    """Operational events worth showing to staff (loops, bounces, caps, UIDVALIDITY changes)."""

    __tablename__ = "event"
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    kind: str = Field(index=True)
    message_pk: Optional[int] = Field(default=None, index=True)
    detail: str = ""


class InHand(SQLModel, table=True):
    """A message the worker has taken in hand and not yet finished: left over after a crash, it counts."""

    __tablename__ = "in_hand"
    source_key: str = Field(primary_key=True)
    message_id: Optional[str] = None
    run: Optional[str] = None               # the process holding it now; None: no live run holds it
    unclean_ends: int = 0                   # runs that ended (killed) while it was in hand
    updated_at: datetime


class PollState(SQLModel, table=True):
    """Last successful poll and the like, for `mailbot status`."""

    __tablename__ = "poll_state"
    name: str = Field(primary_key=True)
    value: str = ""
    updated_at: datetime


class Suppression(SQLModel, table=True):
    """An address no outgoing job writes to: it bounced permanently (one row per address, lower-case).

    `mailbot suppressions remove` sets `removed_at`; only a bounce received later suppresses it again,
    so replaying old mail (`mailbot reprocess`) never undoes a person's decision."""

    __tablename__ = "suppression"
    address: str = Field(primary_key=True)
    bounced_at: datetime                     # when the (latest) bounce was received
    status: str = ""                         # RFC 3463 code, "5.1.1"
    diagnostic: str = ""                     # the remote server's words
    message_pk: Optional[int] = Field(default=None, index=True)   # the bounce in the register
    outbox_pk: Optional[int] = None          # our message that bounced, when the report names it
    removed_at: Optional[datetime] = None
    removed_note: Optional[str] = None
