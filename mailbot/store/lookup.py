"""Finding one registered message from what a person typed: its register id or its receipt number."""
from __future__ import annotations

from sqlmodel import Session, select

from mailbot.errors import UnknownMessage
from mailbot.store.models import Message


def find_message(session: Session, wanted: str | int) -> Message:
    """The message with this id (`17`) or receipt number (`GCA-2020-0006`, any case); else UnknownMessage."""
    text = str(wanted).strip()
    row = session.get(Message, int(text)) if text.isdigit() else None
    if row is None and text:
        row = session.exec(select(Message).where(Message.reference == text.upper())).first()
    if row is None:
        raise UnknownMessage(text)
    return row


def find_message_id(session: Session, wanted: str | int) -> int:
    """The register id of find_message(session, wanted)."""
    found = find_message(session, wanted).id
    assert found is not None          # a row read from the register has its id
    return found
