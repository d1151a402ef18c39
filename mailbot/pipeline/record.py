"""Stage `record`: commit the register rows and the outbox rows in one transaction."""
from __future__ import annotations

from typing import TYPE_CHECKING

import logging
import traceback

from sqlalchemy import bindparam, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from mailbot.decision import keep_decision
from mailbot.errors import StoreError
from mailbot.extraction.search import index_message
from mailbot.outbox.forward import queue_forwards
from mailbot.outbox.queue import enqueue
from mailbot.pipeline import acknowledge
from mailbot.kinds import AckOutcome, AckPurpose, Kind, MessageStatus
from mailbot.workitem import AckDecision, no_ack
from mailbot.pipeline.extract import documents
from mailbot.pipeline.feedback import record_feedback
from mailbot.store.models import Attachment, Counter, Message, MessageSource
from mailbot.store.register import record_event_once

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

log = logging.getLogger("mailbot.record")


def run(item, runtime: Runtime) -> None:
    """Write the message (or update it on replay); a message that cannot be written in full still gets
    a minimal row, so it is never counted processed without a register entry."""
    if item.raw_sha256:
        runtime.raw_store.settle(item.raw_sha256)    # the raw bytes are on disk before the row names them
    try:
        _commit(item, runtime)
    except OperationalError as err:          # the database itself (locked, disk full): stop the poll
        raise StoreError(f"register write failed for {item.fetched.source_key}: {err}") from err
    except Exception:  # the stage boundary for this message's own data: keep it with the reason
        item.failures.append(("record", traceback.format_exc()))
        log.warning("full record failed for %s; keeping a minimal row", item.fetched.source_key)
        _commit_minimal(item, runtime)
    runtime.faults.hit("after_register_commit")


def commit_set_aside(item, runtime: Runtime, reason: str, message_id: str | None, subject: str) -> None:
    """A message kept out of the pipeline (poison): its minimal row, with the reason and its headers."""
    _commit_minimal(item, runtime, review_reason=reason, identity=(message_id, subject))


def _commit_minimal(item, runtime: Runtime, review_reason: str | None = None,
                    identity: tuple[str | None, str] | None = None) -> None:
    """The raw hash, where it came from and why it failed: enough to find, review and replay it."""
    now = runtime.clock.now()
    try:
        with runtime.session() as session:
            message = session.exec(select(Message).where(Message.raw_sha256 == item.raw_sha256)).first()
            if message is None:
                message = Message(raw_sha256=item.raw_sha256, received_at=item.fetched.received_at,
                                  processed_at=now, updated_at=now)
            message.raw_size = len(item.fetched.raw)
            message.status, message.kind, message.updated_at = MessageStatus.ERROR, message.kind or Kind.OTHER, now
            message.needs_review = True
            message.review_reasons = [review_reason or f"processing failed in stage {item.failures[0][0]}; "
                                                       "see error text"]
            message.error_text = "\n".join(f"[{stage}] {text}" for stage, text in item.failures)
            item.ack = no_ack("not acknowledged: processing failed")
            message.ack_suppressed_reason = item.ack.reason
            message.ack_decision = item.ack.describe()
            if item.parsed is not None:
                message.message_id = item.parsed.message_id
                message.subject = item.parsed.subject[:2000]
            elif identity is not None:
                message.message_id, message.subject = identity[0], identity[1][:2000]
            session.add(message)
            session.flush()
            if item.fetched.source != "replay":
                _add_source(session, message.id, item)
            item.record_pk = message.id
            item.ack_due = False
            session.commit()
    except Exception as err:
        raise StoreError(f"cannot record {item.fetched.source_key} even minimally: {err}") from err


def _commit(item, runtime: Runtime) -> None:
    now = runtime.clock.now()
    with runtime.session() as session:
        existing_pk = session.connection().execute(_EXISTING, {"sha": item.raw_sha256}).scalar()
        existing = session.get(Message, existing_pk) if existing_pk is not None else None
        replay = item.fetched.source == "replay"
        if existing is not None and not replay:
            _add_source(session, existing.id, item)       # same bytes seen again (new UIDVALIDITY, copy)
            item.ack_due, item.ack_reason = False, "already registered"
            item.ack = no_ack("already registered")
            item.record_pk = item.copy_of = existing.id
            session.commit()
            return
        message = existing or Message(raw_sha256=item.raw_sha256, received_at=item.fetched.received_at,
                                      processed_at=now, updated_at=now)
        previous_decision = existing.ack_decision if existing is not None else None
        _fill(message, item, now)
        if message.kind == Kind.CONTRIBUTION and message.reference is None and not item.failures:
            # Numbered before the insert, in the same transaction: one INSERT, not an INSERT and an UPDATE.
            message.reference = _next_reference(session, runtime.consultation.receipt_prefix)
        session.add(message)
        session.flush()
        attachments = _replace_attachments(session, message, item, replace=existing is not None)
        _index_text(session, message, item, replace=existing is not None)
        if not replay:
            _add_source(session, message.id, item)
        session.flush()
        record_feedback(session, message, item, now, runtime)
        documents = [row for row in attachments if not row.is_inline]   # as documents_of reads them back
        if not item.failures and not _queue_ack(session, message, item, runtime, now, documents):
            if previous_decision and item.ack.queues:   # a replay: the first decision's row stands
                message.ack_decision = previous_decision
        if not item.failures:
            queue_forwards(session, message, item, runtime, now)
        item.record_pk = message.id
        session.commit()


def _fill(message: Message, item, now) -> None:
    parsed = item.parsed
    attribution = item.attribution
    message.raw_size = len(item.fetched.raw)
    message.updated_at = now
    message.status = MessageStatus.ERROR if item.failures else MessageStatus.PROCESSED
    message.error_text = "\n".join(f"[{stage}] {text}" for stage, text in item.failures) or None
    message.kind = item.kind or Kind.OTHER
    message.kind_reason = item.kind_reason or ("processing failed" if item.failures else "")
    message.language = item.language
    message.late = item.late
    message.trail = [hit.__dict__ | {"states": list(hit.states)} for hit in item.trail]
    reasons = list(attribution.review_reasons)
    if item.failures:
        reasons.insert(0, f"processing failed in stage {item.failures[0][0]}; see error text")
    message.needs_review = bool(item.failures) or attribution.needs_review
    message.review_reasons = reasons
    message.states = list(attribution.states)
    message.category = attribution.category
    message.confidence = attribution.confidence
    message.forwarded = attribution.forwarded
    message.duplicate_of = attribution.duplicate_of
    message.revision_of = attribution.revision_of
    message.rules_version = attribution.rules_version
    if item.failures:
        item.ack = no_ack(f"not acknowledged: processing failed in stage {item.failures[0][0]}")
    message.ack_suppressed_reason = None if item.ack.queues else (item.ack.reason or None)
    message.ack_decision = item.ack.describe()

    keep_decision(message)                         # a human decided: the machine does not overrule
    if parsed is None:
        return
    sender = parsed.sender
    message.message_id = parsed.message_id
    message.from_address = sender.address if sender else None
    message.from_name = sender.name if sender else None
    message.from_header = parsed.from_header[:2000]
    message.reply_to = [addr.address for addr in parsed.reply_to]
    message.to_addrs = [addr.address for addr in parsed.to][:200]
    message.cc_addrs = [addr.address for addr in parsed.cc][:200]
    message.subject = parsed.subject[:2000]
    message.date_header = parsed.date
    message.body_text = parsed.body_text[:1_000_000]
    message.defects = list(parsed.defects)[:100]


def _replace_attachments(session: Session, message: Message, item, *, replace: bool) -> list[Attachment]:
    """The message's attachment rows, in order (a replay first drops the old ones)."""
    if replace:
        for old in session.exec(select(Attachment).where(Attachment.message_pk == message.id)).all():
            session.delete(old)
        session.flush()
    if item.parsed is None:
        return []
    inline = [(att, False) for att in item.parsed.attachments if att.is_inline_image]
    rows = []
    for position, (att, forwarded) in enumerate(documents(item.parsed) + inline):
        result = item.extracts.get(att.sha256)
        rows.append(Attachment(
            message_pk=message.id, position=position, filename=att.filename, safe_name=att.safe_name,
            declared_type=att.declared_type, content_type=att.sniffed_type, size=att.size,
            sha256=att.sha256, is_inline=att.is_inline_image, from_forwarded=forwarded,
            status=result.status if result else ("inline" if att.is_inline_image else "unsupported"),
            reason=result.reason if result else "",
            text_chars=len(result.text) if result else 0,
            language=result.language if result else None,
        ))
    session.add_all(rows)
    return rows


def _index_text(session: Session, message: Message, item, *, replace: bool) -> None:
    """Subject and body, and each document's text, into the full-text index (`mailbot search`)."""
    texts = [f"{message.subject}\n{message.body_text}"]
    texts += [result.text for result in item.extracts.values() if result.text]
    index_message(session, message.id, texts, replace=replace)


# Statements built once and run on the session's connection: the ORM's select-then-add cost about
# 0.3 ms a message for each of these (the duplicate check reads an id; the row itself only if found).
_EXISTING = select(Message.id).where(Message.raw_sha256 == bindparam("sha"))   # type: ignore[arg-type]
_INSERT_SOURCE = insert(MessageSource).on_conflict_do_nothing(index_elements=["source_key"])
_NEXT_RECEIPT = (update(Counter).where(Counter.name == "receipt").values(value=Counter.value + 1)
                 .returning(Counter.value))
_FIRST_RECEIPT = insert(Counter).values(name="receipt", value=1)


def _add_source(session: Session, message_pk: int, item) -> None:
    """Where this copy was seen (once per source key)."""
    fetched = item.fetched
    session.connection().execute(_INSERT_SOURCE, {
        "source_key": fetched.source_key, "message_pk": message_pk, "source": fetched.source,
        "mailbox": fetched.mailbox, "uidvalidity": fetched.uidvalidity, "uid": fetched.uid})


def receipt_for_decided(session: Session, message: Message, runtime: Runtime, now, actor: str) -> str | None:
    """A person decided this message is a contribution and it has no receipt number: give it the next
    one and its acknowledgement, held until a person releases it (`mailbot ack release`), as any
    acknowledgement the machine did not decide itself. The caller commits. Returns the number, or None."""
    if message.kind != Kind.CONTRIBUTION or message.reference is not None:
        return None
    message.reference = _next_reference(session, runtime.consultation.receipt_prefix)
    if not message.from_address:
        return message.reference
    purpose = AckPurpose.LATE_ACK if message.late else AckPurpose.ACK
    reason = f"decided a contribution by {actor}: sent when a person releases it"
    decision = AckDecision(AckOutcome.HELD, purpose, reason)
    if _enqueue_ack(session, message, decision, runtime, now):
        message.ack_decision = decision.describe()
    return message.reference


def _next_reference(session: Session, prefix: str) -> str:
    """The next receipt number, counted in the same transaction as the message that gets it."""
    connection = session.connection()
    value = connection.execute(_NEXT_RECEIPT).scalar()
    if value is None:
        connection.execute(_FIRST_RECEIPT)
        value = 1
    return f"{prefix}{value:04d}"


def _queue_ack(session: Session, message: Message, item, runtime: Runtime, now, documents=None) -> bool:
    """Write what the acknowledge stage decided: its event, and its outbox row (pending or held).
    False when no row was written (none decided, or the message has one already)."""
    decision = item.ack
    if decision.event:
        record_event_once(session, now, *decision.event)
    if not decision.queues or message.reference is None or not message.from_address:
        return False
    inserted = _enqueue_ack(session, message, decision, runtime, now, documents)
    runtime.faults.hit("after_outbox_row")
    return inserted


def _enqueue_ack(session: Session, message: Message, decision: AckDecision, runtime: Runtime, now,
                 documents=None) -> bool:
    """The decision's acknowledgement (or notice) built from the register row and put in the outbox,
    pending or held with the decision's reason; False when the message has its row already."""
    held = decision.outcome is AckOutcome.HELD
    return enqueue(session, acknowledge.build(decision, runtime, session, message, documents),
                   settings=runtime.settings, now=now, status=decision.outbox_status,
                   last_error=decision.reason if held else None)
