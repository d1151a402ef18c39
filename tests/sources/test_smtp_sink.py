"""The smtp_sink fixture itself: accepts, keeps, and misbehaves on request (used by fault tests)."""
from __future__ import annotations

import smtplib

import pytest

from tests.servers import Behaviour

pytestmark = pytest.mark.servers

MESSAGE = b"From: contributions@itu.int\r\nTo: a@mfa.gov.ke\r\nSubject: Ack\r\n\r\nThank you.\r\n"


def send(sink, recipients=("a@mfa.gov.ke",), login: bool = False):
    with smtplib.SMTP(sink.host, sink.port, timeout=10) as client:
        if login:
            client.login(sink.user, sink.password)
        return client.sendmail("contributions@itu.int", list(recipients), MESSAGE)


def test_accepts_and_keeps_envelope_and_bytes(smtp):
    assert send(smtp, ("a@mfa.gov.ke", "b@mfa.gov.ke"), login=True) == {}
    (mail,) = smtp.wait_for(1)
    assert mail.mail_from == "contributions@itu.int"
    assert mail.rcpt_tos == ("a@mfa.gov.ke", "b@mfa.gov.ke")
    assert mail.raw.replace(b"\r\n", b"\n") == MESSAGE.replace(b"\r\n", b"\n")
    assert mail.message()["Subject"] == "Ack"


def test_wrong_password_is_refused(smtp):
    with smtplib.SMTP(smtp.host, smtp.port, timeout=10) as client:
        with pytest.raises(smtplib.SMTPAuthenticationError):
            client.login(smtp.user, "wrong")


def test_temporary_failure_then_recovery(smtp):
    smtp.behaviour = Behaviour.temporary_failure(times=1)
    with pytest.raises(smtplib.SMTPDataError) as caught:
        send(smtp)
    assert caught.value.smtp_code == 451
    assert smtp.messages == []
    assert send(smtp) == {}
    assert len(smtp.messages) == 1
    assert smtp.refused == ["451 4.3.0 Temporary local problem, try again later"]


def test_permanent_failure_keeps_its_words(smtp):
    smtp.behaviour = Behaviour.permanent_failure()
    for _attempt in range(2):
        with pytest.raises(smtplib.SMTPDataError) as caught:
            send(smtp)
        assert caught.value.smtp_code == 554
        assert b"rejected by policy" in caught.value.smtp_error
    assert smtp.messages == []


def test_one_recipient_refused(smtp):
    smtp.behaviour = Behaviour.refuse_recipient("gone@mfa.gov.ke")
    refused = send(smtp, ("a@mfa.gov.ke", "gone@mfa.gov.ke"))
    assert refused["gone@mfa.gov.ke"][0] == 550
    (mail,) = smtp.messages
    assert mail.rcpt_tos == ("a@mfa.gov.ke",)


def test_drop_after_data_keeps_the_message_but_the_client_does_not_know(smtp):
    smtp.behaviour = Behaviour.drop_connection_after_data()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send(smtp)
    assert len(smtp.messages) == 1
    assert send(smtp) == {}                          # times=1: the next delivery goes through
    assert len(smtp.messages) == 2


def test_refused_mail_from(smtp):
    smtp.behaviour = Behaviour(mail_reply="421 4.3.2 Service shutting down", times=1)
    with pytest.raises((smtplib.SMTPSenderRefused, smtplib.SMTPServerDisconnected)):
        send(smtp)
    assert smtp.messages == []


def test_clear_resets_messages_and_behaviour(smtp):
    smtp.behaviour = Behaviour.permanent_failure()
    smtp.clear()
    assert send(smtp) == {}
    smtp.clear()
    assert smtp.messages == [] and smtp.refused == []
