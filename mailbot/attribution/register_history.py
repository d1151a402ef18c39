"""History over the register (Message and Attachment rows), for duplicates and revisions."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import String, cast, or_
from sqlmodel import Session, select

from mailbot.kinds import Kind
from mailbot.attribution.history import PriorContribution
from mailbot.store.models import Attachment, Message


class RegisterHistory:
    """`prior_contributions` answered from the register; a human's states win over the machine's.

    `session_factory()` gives a new Session per question, so one history serves a whole run.
    """

    def __init__(self, session_factory: Callable[[], Session]):
        self.session_factory = session_factory

    def prior_contributions(self, states: tuple[str, ...], sha256s: tuple[str, ...], *, before: datetime,
                            exclude_message_id: str | None = None) -> list[PriorContribution]:
        with self.session_factory() as session:
            return self._query(session, states, sha256s, before, exclude_message_id)

    def _query(self, session: Session, states, sha256s, before, exclude_message_id) -> list[PriorContribution]:
        sharing = select(Attachment.message_pk).where(Attachment.sha256.in_(sha256s or ("",)))
        state_tests = [cast(column, String).like(f'%"{state}"%')
                       for state in states for column in (Message.states, Message.manual_states)]
        query = select(Message).where(Message.kind == Kind.CONTRIBUTION, Message.received_at < before,
                                      or_(Message.id.in_(sharing), *state_tests))
        if exclude_message_id:
            query = query.where(or_(Message.message_id.is_(None), Message.message_id != exclude_message_id))
        priors = []
        for message in session.exec(query).all():
            documents = session.exec(select(Attachment.sha256).where(
                Attachment.message_pk == message.id, Attachment.is_inline == False)).all()  # noqa: E712
            effective = message.manual_states if message.manual_states is not None else message.states
            priors.append(PriorContribution(message.message_id or f"register:{message.id}", tuple(effective),
                                            _aware(message.received_at, before), tuple(documents), message.subject))
        return priors


def _aware(moment: datetime, like: datetime) -> datetime:
    """SQLite gives naive datetimes back; the register stores UTC."""
    if moment.tzinfo is None and like.tzinfo is not None:
        return moment.replace(tzinfo=timezone.utc)
    return moment
