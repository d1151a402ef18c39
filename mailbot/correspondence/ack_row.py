"""The acknowledgement outbox row for one registered contribution (called by the pipeline's notify step)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from mailbot.config import Settings
from mailbot.consultation import Consultation, as_aware_utc, is_late
from mailbot.correspondence.ack import AckContext, AckFile, ack_event, names_in, render_ack
from mailbot.correspondence.compose import compose_mail
from mailbot.correspondence.focal_points import usual_languages_of
from mailbot.correspondence.language import choose_language
from mailbot.correspondence.outbox_rows import outbox_row
from mailbot.correspondence.register_view import ack_context, ack_language, message_states, receipt_number
from mailbot.store.models import Message, Outbox


def ack_key(message: Message) -> str:
    return f"ack:{message.id}"


def ack_row(
    session: Session,
    message: Message,
    consultation: Consultation,
    *,
    settings: Settings,
    now: datetime,
    usual_language: dict[str, str],
    recipient: str | None = None,
) -> Outbox:
    """`ack` or `late_ack` row answering `message` (In-Reply-To/References kept), in the sender's language.
    `recipient` defaults to the From address; the caller decides (Reply-To, review holds, caps)."""
    lang = ack_language(session, message, usual_language)
    context = ack_context(session, message, consultation, lang)
    rendered = render_ack(context, lang)
    references = [message.message_id] if message.message_id else []
    return outbox_row(
        settings=settings,
        key=ack_key(message),
        purpose=ack_event(context),
        recipients=[recipient or message.from_address or ""],
        rendered=rendered,
        auto_submitted="auto-replied",
        now=now,
        language=lang,
        message_pk=message.id,
        in_reply_to=message.message_id,
        references=references,
    )


def compose_ack(
    runtime: Any, message: Message, attachments: list, item: Any, message_id: str
) -> tuple[str, bytes, str]:
    """For the record stage: (subject, MIME bytes, language) of the acknowledgement,
    rendered from the templates in the sender's language."""
    consultation = runtime.consultation
    usual = usual_languages_of(consultation)
    states = message_states(message)
    lang = choose_language(message.language, [doc.language for doc in attachments], states, usual)
    files = tuple(
        AckFile(doc.filename or doc.safe_name, doc.size, doc.status == "ok", doc.reason, doc.status)
        for doc in attachments
    )
    context = AckContext(
        receipt=receipt_number(message, consultation),
        received_at=as_aware_utc(message.received_at),
        sender_name=message.from_name or "",
        subject=message.subject,
        files=files,
        states=names_in(states, lang),
        late=bool(message.late) or is_late(message.received_at, consultation),
        consultation=consultation,
    )
    rendered = render_ack(context, lang)
    raw = compose_mail(
        settings=runtime.settings,
        to=[message.from_address or ""],
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        auto_submitted="auto-replied",
        in_reply_to=message.message_id,
        references=[message.message_id] if message.message_id else [],
        message_id=message_id,
        date=runtime.clock.now(),
    )
    return rendered.subject, raw, lang
