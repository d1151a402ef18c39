"""The short answer to a resend: "already registered on DATE under GCA-2020-00NN" (issue #11, class 9)."""
from __future__ import annotations

from typing import Any

from mailbot.consultation import as_aware_utc
from mailbot.correspondence.ack import consultation_values
from mailbot.correspondence.compose import compose_mail
from mailbot.correspondence.focal_points import usual_languages_of
from mailbot.correspondence.language import choose_language
from mailbot.correspondence.register_view import message_states
from mailbot.correspondence.render import Rendered, render
from mailbot.store.models import Message


def render_resend_notice(consultation, lang: str, *, receipt: str, registered_at, received_at,
                         sender_name: str, subject: str) -> Rendered:
    values = {**consultation_values(consultation, lang), "receipt": receipt,
              "registered_at": as_aware_utc(registered_at), "received_at": as_aware_utc(received_at),
              "sender_name": sender_name, "original_subject": subject}
    return render("states", "resend_notice", lang, values)


def compose_resend_notice(runtime: Any, message: Message, first: Message, message_id: str) -> tuple[str, bytes, str]:
    """(subject, MIME bytes, language) of the notice answering `message`, a resend of `first`."""
    consultation = runtime.consultation
    lang = choose_language(message.language, [], message_states(message), usual_languages_of(consultation))
    rendered = render_resend_notice(consultation, lang, receipt=first.reference, registered_at=first.received_at,
                                    received_at=message.received_at, sender_name=message.from_name or "",
                                    subject=message.subject)
    raw = compose_mail(settings=runtime.settings, to=[message.from_address or ""], subject=rendered.subject,
                       text=rendered.text, html=rendered.html, auto_submitted="auto-replied",
                       in_reply_to=message.message_id,
                       references=[message.message_id] if message.message_id else [],
                       message_id=message_id, date=runtime.clock.now())
    return rendered.subject, raw, lang
