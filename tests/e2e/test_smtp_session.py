"""One SMTP session carries a whole outbox flush; a session the server closed is replaced quietly."""
from __future__ import annotations

import socket

import pytest

from mailbot.config import load_settings
from mailbot.outbox.transports import SmtpTransport

pytestmark = pytest.mark.servers


def _transport(smtp, monkeypatch) -> tuple[SmtpTransport, list]:
    settings = load_settings(None, {"MAILBOT_SMTP_HOST": smtp.host, "MAILBOT_SMTP_PORT": str(smtp.port),
                                    "MAILBOT_SMTP_SECURITY": "plain"})
    transport = SmtpTransport(settings, None)
    connects = []
    real_connect = transport._connect

    def counting_connect():
        connects.append(1)
        return real_connect()

    monkeypatch.setattr(transport, "_connect", counting_connect)
    return transport, connects


def _mail(number: int) -> bytes:
    return (f"From: a@itu.int\r\nTo: b{number}@example.org\r\nSubject: {number}\r\n"
            f"Message-ID: <{number}@itu.int>\r\n\r\nbody {number}\r\n").encode()


def test_several_messages_share_one_session(smtp, monkeypatch):
    transport, connects = _transport(smtp, monkeypatch)
    for number in range(3):
        assert transport.send("a@itu.int", [f"b{number}@example.org"], _mail(number), f"<{number}@itu.int>") == {}
    transport.close()
    assert len(smtp.wait_for(3)) == 3 and len(connects) == 1


def test_a_session_closed_by_the_server_is_replaced_before_sending(smtp, monkeypatch):
    transport, connects = _transport(smtp, monkeypatch)
    transport.send("a@itu.int", ["b1@example.org"], _mail(1), "<1@itu.int>")
    transport._client.sock.shutdown(socket.SHUT_RDWR)   # as a server's idle timeout would leave it
    transport.send("a@itu.int", ["b2@example.org"], _mail(2), "<2@itu.int>")
    transport.close()
    assert len(smtp.wait_for(2)) == 2 and len(connects) == 2
