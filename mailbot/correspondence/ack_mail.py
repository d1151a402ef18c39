"""The acknowledgement of one registered contribution, as production queues it and `preview` shows it."""

from __future__ import annotations

import re
from typing import Mapping

from sqlmodel import Session

from mailbot.consultation import Consultation
from mailbot.correspondence.ack import ack_event, render_ack
from mailbot.correspondence.register_view import CONTRIBUTION, ack_context, ack_language, documents_of
from mailbot.kinds import Purpose
from mailbot.outbox.mail import OutgoingMail
from mailbot.store.models import Attachment, Message


_NO_ACK_PREFIX = re.compile(r"^(?:not acknowledged|no acknowledgement)(?::| for)?\s*", re.IGNORECASE)


def ack_key(message: Message) -> str:
    """One acknowledgement per stored original (its hash), whatever its register id."""
    return f"ack:{message.raw_sha256}"


def no_ack_reason(message: Message) -> str | None:
    """Why this registered message gets no acknowledgement, or None when it gets one."""
    if message.ack_suppressed_reason:
        # the stages word it "not acknowledged: ..." or "no acknowledgement for ...": said once here
        return _NO_ACK_PREFIX.sub("", message.ack_suppressed_reason) or message.ack_suppressed_reason
    if message.kind != CONTRIBUTION:
        return f"kind {message.kind}"
    if message.reference is None:
        return "no receipt number (processing failed)"
    if not message.from_address:
        return "no sender address that could be read"
    return None


def ack_mail(
    session: Session,
    message: Message,
    consultation: Consultation,
    *,
    usual_language: Mapping[str, str],
    lang: str | None = None,
    recipient: str | None = None,
    documents: list[Attachment] | None = None,
) -> OutgoingMail:
    """`ack` or `late_ack` answering `message` (In-Reply-To/References kept), in the sender's language
    (or `lang`), built from the register rows alone so a preview is the very message queued.
    `documents`: the message's document rows (not inline images), in order, when already at hand."""
    documents = documents_of(session, message.id) if documents is None else documents
    lang = lang or ack_language(session, message, dict(usual_language), documents)
    context = ack_context(session, message, consultation, lang, documents)
    rendered = render_ack(context, lang)
    return OutgoingMail(
        purpose=Purpose(ack_event(context)),
        key=ack_key(message),
        recipients=(recipient or message.from_address or "",),
        language=lang,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        in_reply_to=message.message_id,
        references=(message.message_id,) if message.message_id else (),
        auto_submitted="auto-replied",
        message_pk=message.id,
    )
