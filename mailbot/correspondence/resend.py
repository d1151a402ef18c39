"""The short answer to a resend: "already registered on DATE under GCA-2020-00NN" (issue #11, class 9)."""
from __future__ import annotations

from collections.abc import Mapping

from mailbot.consultation import as_aware_utc
from mailbot.correspondence.ack import consultation_values
from mailbot.correspondence.ack_mail import ack_key
from mailbot.correspondence.language import choose_language
from mailbot.correspondence.register_view import message_states
from mailbot.correspondence.render import Rendered, render
from mailbot.kinds import Purpose
from mailbot.outbox.mail import OutgoingMail
from mailbot.store.models import Message


def render_resend_notice(consultation, lang: str, *, receipt: str, registered_at, received_at,
                         sender_name: str, subject: str) -> Rendered:
    values = {**consultation_values(consultation, lang), "receipt": receipt,
              "registered_at": as_aware_utc(registered_at), "received_at": as_aware_utc(received_at),
              "sender_name": sender_name, "original_subject": subject}
    return render("states", "resend_notice", lang, values)


def resend_mail(consultation, message: Message, first: Message, usual_language: Mapping[str, str]) -> OutgoingMail:
    """The notice answering `message`, a resend of `first`, in the sender's language; it takes the
    message's acknowledgement key, so a message gets one answer, whichever it is."""
    lang = choose_language(message.language, [], message_states(message), usual_language)
    rendered = render_resend_notice(consultation, lang, receipt=first.reference, registered_at=first.received_at,
                                    received_at=message.received_at, sender_name=message.from_name or "",
                                    subject=message.subject)
    return OutgoingMail(
        purpose=Purpose.RESEND_NOTICE, key=ack_key(message), recipients=(message.from_address or "",),
        language=lang, subject=rendered.subject, text=rendered.text, html=rendered.html,
        in_reply_to=message.message_id, references=(message.message_id,) if message.message_id else (),
        auto_submitted="auto-replied", message_pk=message.id,
    )
