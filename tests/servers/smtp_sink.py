"""An aiosmtpd server on loopback that keeps what it accepts and misbehaves on request."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from tests.servers.common import INSTALL_HINT, ServerSetupError, free_port


@dataclass(frozen=True)
class ReceivedMail:
    """One message the sink accepted: the envelope and the exact bytes."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes

    def message(self):
        import email
        from email import policy

        return email.message_from_bytes(self.raw, policy=policy.default)


@dataclass
class Behaviour:
    """How the sink answers, for fault tests. The default accepts everything.

    mail_reply:   answer to MAIL FROM instead of 250, e.g. "421 4.3.2 shutting down".
    rcpt_replies: recipient address (lower case) -> answer to its RCPT TO, e.g. {"x@y": "550 5.1.1 no"}.
    data_reply:   answer after DATA instead of 250 (the message is then NOT kept),
                  e.g. "451 4.3.0 try again later" or "554 5.6.0 message refused".
    drop_after_data: keep the message, then close the connection without answering DATA
                  (the ambiguous case: the server has it, the client does not know).
    times:        how many transactions the fault applies to before the sink accepts again
                  (None: for ever). Counted per DATA/MAIL/RCPT fault that fired.
    """

    mail_reply: str | None = None
    rcpt_replies: dict[str, str] = field(default_factory=dict)
    data_reply: str | None = None
    drop_after_data: bool = False
    times: int | None = None

    @classmethod
    def accept(cls) -> "Behaviour":
        return cls()

    @classmethod
    def temporary_failure(cls, times: int | None = None,
                          reply: str = "451 4.3.0 Temporary local problem, try again later") -> "Behaviour":
        return cls(data_reply=reply, times=times)

    @classmethod
    def permanent_failure(cls, reply: str = "554 5.7.1 Message rejected by policy") -> "Behaviour":
        return cls(data_reply=reply)

    @classmethod
    def refuse_recipient(cls, address: str,
                         reply: str = "550 5.1.1 <{address}>: Recipient address rejected") -> "Behaviour":
        return cls(rcpt_replies={address.lower(): reply.format(address=address)})

    @classmethod
    def drop_connection_after_data(cls, times: int | None = 1) -> "Behaviour":
        return cls(drop_after_data=True, times=times)

    def _fires(self) -> bool:
        """True if a fault may fire now; counts it down."""
        if self.times is None:
            return True
        if self.times <= 0:
            return False
        self.times -= 1
        return True


class _SinkHandler:
    """aiosmtpd handler: applies the sink's behaviour, keeps accepted messages."""

    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        behaviour = self.sink.behaviour
        if behaviour.mail_reply and behaviour._fires():
            return behaviour.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.sink.behaviour.rcpt_replies.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        behaviour = self.sink.behaviour
        if behaviour.data_reply and behaviour._fires():
            self.sink._note_refused(behaviour.data_reply)
            return behaviour.data_reply
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        self.sink._keep(ReceivedMail(envelope.mail_from, tuple(envelope.rcpt_tos), raw))
        if behaviour.drop_after_data and behaviour._fires():
            server.transport.abort()
            return "250 OK (never sent: connection dropped)"
        return "250 OK queued"


class _OAuth2SinkHandler(_SinkHandler):
    """Adds AUTH XOAUTH2 and OAUTHBEARER (aiosmtpd calls handler methods named auth_<MECHANISM>),
    each token checked against the test's OAuth2 server, as Dovecot's oauth2 passdb does."""

    async def auth_XOAUTH2(self, server, args):  # noqa: N802 - aiosmtpd's naming
        return await self._bearer(server, args, "XOAUTH2")

    async def auth_OAUTHBEARER(self, server, args):  # noqa: N802
        return await self._bearer(server, args, "OAUTHBEARER")

    async def _bearer(self, server, args, mechanism: str):
        import base64
        import binascii
        import json

        from aiosmtpd.smtp import MISSING, AuthResult

        if len(args) > 1:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except binascii.Error:
                return AuthResult(success=False, handled=False, message="501 5.5.2 Can't decode base64")
        else:
            blob = await server.challenge_auth("")
            if blob is MISSING:
                return AuthResult(success=False, handled=True)
        user, token = _bearer_fields(blob.decode("utf-8", "replace"))
        ok = bool(user and token) and self.sink.oauth2.check(token, user)
        self.sink._note_login(mechanism, user, ok)
        if ok:
            return AuthResult(success=True, auth_data=user)
        # As Google and Microsoft do: the error as a 334 JSON challenge, then 535 after the client's answer.
        error = json.dumps({"status": "401", "schemes": "bearer", "scope": "mail"})
        await server.challenge_auth(error)
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted")


def _bearer_fields(text: str) -> tuple[str, str]:
    """(user, token) from an XOAUTH2 (user=...) or OAUTHBEARER (n,a=...,) initial response."""
    user = token = ""
    head, _, rest = text.partition("\x01")
    if head.startswith("n,"):
        user = head.split(",")[1].removeprefix("a=").replace("=2C", ",").replace("=3D", "=")
    else:
        rest = text
    for field_ in rest.split("\x01"):
        if field_.startswith("user="):
            user = field_[5:]
        elif field_.lower().startswith("auth=bearer "):
            token = field_[12:]
    return user, token


class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 that keeps what it accepts; thread-safe to read.

    `behaviour` (a Behaviour) decides the answers; set it in a test, `clear()` resets it.
    AUTH PLAIN/LOGIN is offered without TLS and accepts `user`/`password`; it is optional.
    With `oauth2` (a tests.servers.oauth2_server.OAuth2Server), AUTH XOAUTH2 and OAUTHBEARER are
    offered too; `logins` lists (mechanism, user, accepted) for each attempt.
    """

    host = "127.0.0.1"

    def __init__(self, user: str = "mailbot", password: str = "sink-secret", oauth2=None):
        self.port = free_port(self.host)
        self.user, self.password = user, password
        self.oauth2 = oauth2
        self.logins: list[tuple[str, str, bool]] = []
        self.behaviour = Behaviour()
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._messages: list[ReceivedMail] = []
        self._refused: list[str] = []
        self._controller = None

    def start(self) -> None:
        try:
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult
        except ImportError as err:
            raise ServerSetupError(f"aiosmtpd is missing: {INSTALL_HINT}") from err

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (getattr(auth_data, "login", None) == self.user.encode()
                  and getattr(auth_data, "password", None) == self.password.encode())
            return AuthResult(success=ok, handled=False)   # not handled: aiosmtpd answers 535

        handler = _OAuth2SinkHandler(self) if self.oauth2 is not None else _SinkHandler(self)
        self._controller = Controller(
            handler, hostname=self.host, port=self.port, decode_data=False,
            enable_SMTPUTF8=True, authenticator=authenticator, auth_require_tls=False,
            auth_required=False, ready_timeout=10)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[ReceivedMail]:
        with self._lock:
            return list(self._messages)

    @property
    def refused(self) -> list[str]:
        """The DATA answers given instead of accepting (4xx/5xx), in order."""
        with self._lock:
            return list(self._refused)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._refused.clear()
            self.logins.clear()
        self.behaviour = Behaviour()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMail]:
        """Block until at least `count` messages arrived (or timeout); return them."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self._messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._arrived.wait(remaining)
            return list(self._messages)

    def smtp_settings(self, **smtp):
        """mailbot Settings whose smtp section points at this sink (plain); override smtp keys."""
        from mailbot.config import Settings

        values = {"host": self.host, "port": self.port, "security": "plain", "timeout": 10.0}
        values.update(smtp)
        return Settings.model_validate({"smtp": values})

    def _keep(self, mail: ReceivedMail) -> None:
        with self._arrived:
            self._messages.append(mail)
            self._arrived.notify_all()

    def _note_login(self, mechanism: str, user: str, ok: bool) -> None:
        with self._lock:
            self.logins.append((mechanism, user, ok))

    def _note_refused(self, reply: str) -> None:
        with self._lock:
            self._refused.append(reply)
