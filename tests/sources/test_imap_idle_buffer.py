"""IDLE: server lines already in imaplib's read buffer are seen without waiting on the socket."""
from __future__ import annotations

import socket
import time
from types import SimpleNamespace

from mailbot.sources.imap import _already_buffered


def _client_over(sock: socket.socket):
    reader = sock.makefile("rb")
    return SimpleNamespace(_imap=SimpleNamespace(file=reader), socket=lambda: sock), reader


def test_a_line_that_came_with_the_continuation_is_seen():
    ours, server = socket.socketpair()
    with ours, server:
        ours.settimeout(7.0)
        client, reader = _client_over(ours)
        server.sendall(b"+ idling\r\n* 51 EXISTS\r\n")     # one packet, as Dovecot sends it
        assert reader.readline() == b"+ idling\r\n"       # what IDLE reads; EXISTS stays buffered
        assert _already_buffered(client)
        assert ours.gettimeout() == 7.0                    # the socket's timeout is put back


def test_an_empty_buffer_does_not_block():
    ours, server = socket.socketpair()
    with ours, server:
        client, reader = _client_over(ours)
        server.sendall(b"+ idling\r\n")
        assert reader.readline() == b"+ idling\r\n"
        started = time.monotonic()
        assert not _already_buffered(client)
        assert time.monotonic() - started < 1.0
