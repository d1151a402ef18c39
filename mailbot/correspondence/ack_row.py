"""The acknowledgement outbox row for one registered contribution (called by the pipeline's notify step)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from mailbot.config import Settings
from mailbot.consultation import Consultation
from mailbot.correspondence.ack import ack_event, render_ack
from mailbot.correspondence.outbox_rows import outbox_row
from mailbot.correspondence.register_view import ack_context, ack_language
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
