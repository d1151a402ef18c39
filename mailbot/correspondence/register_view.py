"""What the correspondence jobs read from the register: contributions, contributors, bounced addresses."""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import SimpleNamespace
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import String, type_coerce
from sqlmodel import Session, select

from mailbot.consultation import Consultation, as_aware_utc, is_late
from mailbot.correspondence.ack import AckContext, AckFile, names_in
from mailbot.correspondence.language import choose_language
from mailbot.kinds import Kind
from mailbot.store.models import Attachment, Message, Outbox
from mailbot.store.suppression import active as active_suppressions
from mailbot.store.suppression import suppressed_addresses

CONTRIBUTION = Kind.CONTRIBUTION


def utc_moment(moment: datetime) -> datetime:
    """Aware UTC, as the register's datetime columns take and return them (naive input read as UTC)."""
    return as_aware_utc(moment).astimezone(timezone.utc)


def message_states(message: Message) -> list[str]:
    """A human's decision wins; entries may be codes or {"alpha3": ...} objects (attribution's choice)."""
    states = message.manual_states if message.manual_states is not None else message.states
    codes = []
    for item in states or []:
        code = (
            item if isinstance(item, str) else (item.get("alpha3") or item.get("code") or item.get("state"))
        )
        if code and code not in codes:
            codes.append(str(code).upper())
    return codes


def contributions(session: Session, now: datetime) -> list[Message]:
    """Contributions registered by `now`, oldest first."""
    query = (
        select(Message)
        .where(Message.kind == CONTRIBUTION, Message.received_at <= utc_moment(now))
        .order_by(Message.received_at, Message.id)
    )
    return list(session.exec(query))


@dataclass(frozen=True)
class ContributionFacts:
    """The few columns the counting jobs need (the register can hold 100,000 messages)."""

    id: int
    received_at: datetime
    codes: list[str]  # Member States, a human's decision first
    late: bool
    processed_at: datetime


def json_list(text: str | None) -> list:
    """A JSON list column read as text: most hold "[]", which needs no parsing (100,000 rows add up)."""
    if text is None or text in ("[]", "null"):
        return []
    return json.loads(text)


def states_from_json(states: str | None, manual_states: str | None) -> list[str]:
    manual = None if manual_states is None or manual_states == "null" else json_list(manual_states)
    return message_states(SimpleNamespace(states=json_list(states), manual_states=manual))


def contribution_facts(session: Session, now: datetime) -> list[ContributionFacts]:
    query = (
        select(
            Message.id,
            Message.received_at,
            type_coerce(Message.states, String),
            type_coerce(Message.manual_states, String),
            Message.late,
            Message.processed_at,
        )
        .where(Message.kind == CONTRIBUTION, Message.received_at <= utc_moment(now))
        .order_by(Message.received_at, Message.id)
    )
    return [
        ContributionFacts(pk, received, states_from_json(states, manual), late, processed)
        for pk, received, states, manual, late, processed in session.exec(query)
    ]


def contributed_states(session: Session, now: datetime) -> set[str]:
    return {code for item in contribution_facts(session, now) for code in item.codes}


def bounced_addresses(session: Session) -> set[str]:
    """Addresses never to write to: the suppression list (permanent bounces, lower-case addresses)."""
    return suppressed_addresses(session)


@dataclass(frozen=True)
class BounceFact:
    """A new entry of the suppression list, for the digest: the address and why."""

    address: str
    bounced_at: datetime
    status: str
    diagnostic: str
    message_pk: int | None


def new_bounces(session: Session, since: datetime | None) -> list[BounceFact]:
    """Addresses suppressed after `since` (all when None), oldest first."""
    rows = [row for row in active_suppressions(session)
            if since is None or utc_moment(row.bounced_at) > utc_moment(since)]
    return [BounceFact(row.address, utc_moment(row.bounced_at), row.status, row.diagnostic, row.message_pk)
            for row in reversed(rows)]


def existing_keys(session: Session, prefix: str) -> set[str]:
    return set(session.exec(select(Outbox.key).where(Outbox.key.startswith(prefix))))


def attachments_of(session: Session, message_pk: int) -> list[Attachment]:
    query = select(Attachment).where(Attachment.message_pk == message_pk).order_by(Attachment.position)
    return list(session.exec(query))


def document_names(session: Session, message_pks: Iterable[int] | None = None) -> dict[int, list[str]]:
    """File names of the documents of many messages in one query (all messages when None)."""
    query = select(Attachment.message_pk, Attachment.filename, Attachment.safe_name).where(
        Attachment.is_inline == False  # noqa: E712 (SQL expression)
    )
    if message_pks is not None:
        query = query.where(Attachment.message_pk.in_(list(message_pks)))
    names: dict[int, list[str]] = {}
    for message_pk, filename, safe_name in session.exec(
        query.order_by(Attachment.message_pk, Attachment.position)
    ):
        names.setdefault(message_pk, []).append(filename or safe_name)
    return names


def documents_of(session: Session, message_pk: int) -> list[Attachment]:
    """The documents a person attached; inline images (signature logos) are not documents."""
    return [item for item in attachments_of(session, message_pk) if not item.is_inline]


@dataclass(frozen=True)
class Contributor:
    address: str
    name: str
    language: str
    states: tuple[str, ...]
    last_message_pk: int


def contributors(session: Session, now: datetime, usual_language: dict[str, str]) -> list[Contributor]:
    """One entry per sender address of a contribution (the latest one decides name and language).
    Messages whose acknowledgement was withheld (e.g. failed authentication) do not count."""
    latest: dict[str, Message] = {}
    for message in contributions(session, now):
        if message.from_address and message.ack_suppressed_reason is None:
            latest[message.from_address.strip().lower()] = message
    result = []
    for address, message in sorted(latest.items()):
        states = message_states(message)
        documents = [item.language for item in documents_of(session, message.id)]
        language = choose_language(message.language, documents, states, usual_language)
        result.append(Contributor(address, message.from_name or "", language, tuple(states), message.id))
    return result


def ack_language(session: Session, message: Message, usual_language: dict[str, str],
                 documents: list[Attachment] | None = None) -> str:
    """`documents`: the message's documents when the caller has them already (one query, not two)."""
    documents = documents_of(session, message.id) if documents is None else documents
    languages = [item.language for item in documents]
    return choose_language(message.language, languages, message_states(message), usual_language)


def receipt_number(message: Message, consultation: Consultation) -> str:
    return message.reference or f"{consultation.receipt_prefix}{message.id:04d}"


def ack_context(session: Session, message: Message, consultation: Consultation, lang: str,
                documents: list[Attachment] | None = None) -> AckContext:
    """The acknowledgement's facts for one registered message, state names in `lang`."""
    files = [
        AckFile(item.filename or item.safe_name, item.size, item.status == "ok", item.reason, item.status)
        for item in (documents_of(session, message.id) if documents is None else documents)
    ]
    return AckContext(
        receipt=receipt_number(message, consultation),
        received_at=as_aware_utc(message.received_at),
        sender_name=message.from_name or "",
        subject=message.subject,
        files=tuple(files),
        states=names_in(message_states(message), lang),
        late=message.late or is_late(message.received_at, consultation),
        consultation=consultation,
    )


def state_list(codes: Iterable[str]) -> list[str]:
    return sorted(set(codes))
