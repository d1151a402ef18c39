"""The outbound-mail door: SMTP, a folder of .eml files, or memory, behind one `send`."""
from __future__ import annotations

import hashlib
import os
import re
import select
import smtplib
import socket
import ssl
import time
from pathlib import Path
from typing import Protocol

from mailbot.auth.login import login_with_token
from mailbot.auth.sasl import Mechanism, choose_mechanism, initial_response
from mailbot.config import Settings
from mailbot.errors import (AuthError, ConfigError, DeliveryOutcomeUnknown, DeliveryUnavailable,
                            PermanentDeliveryError, TransientDeliveryError)

# A session used this recently is taken as alive; one idle longer is asked NOOP first (a server may
# have closed it), so a flush sends back to back without a round trip per message.
RECHECK_IDLE_SECONDS = 5.0


class Transport(Protocol):
    def send(self, envelope_from: str, recipients: list[str], raw: bytes, message_id: str) -> dict[str, str]:
        """Hand the message over; return refused recipients (address -> server's words), usually {}.

        Raise TransientDeliveryError (retry later) or PermanentDeliveryError (record the words)."""


class FileTransport:
    """Writes each message as `<folder>/<hash of Message-ID>.eml`: resending overwrites, never doubles."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, message_id: str) -> dict[str, str]:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = hashlib.sha256(message_id.encode()).hexdigest()[:24] + ".eml"
        temp = self.folder / f".{name}.tmp"
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(raw)      # private from the first byte: the mail names people
        os.replace(temp, self.folder / name)
        return {}


class MemoryTransport:
    """Keeps what was sent, for unit tests."""

    def __init__(self):
        self.sent: list[tuple[str, list[str], bytes]] = []

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, message_id: str) -> dict[str, str]:
        self.sent.append((envelope_from, list(recipients), raw))
        return {}


class SmtpTransport:
    """smtplib with TLS, STARTTLS or plain, optional AUTH; 4xx is transient, 5xx permanent.

    One connection serves a whole outbox flush (`close()` ends it); after any error it is dropped,
    and a kept connection is checked with NOOP before reuse, so a server's idle timeout never turns
    into an "unknown outcome"."""

    def __init__(self, settings: Settings, password: str | None, tokens=None):
        self.smtp = settings.smtp
        self.password = password
        self.local_hostname = settings.mail.domain
        self._client: smtplib.SMTP | None = None
        self._used_at = 0.0                    # time.monotonic() of the session's last command
        self._tokens = tokens                  # a TokenSource where smtp.auth = "oauth2"
        self._mechanism = settings.oauth2.mechanism
        self.login_note = ""                   # how the last login went, for `mailbot auth check`
        if self.smtp.auth == "oauth2" and tokens is None:
            raise ConfigError("smtp.auth = oauth2 needs the [oauth2] section", key="smtp.auth")
        if self.smtp.auth == "oauth2" and not self.smtp.user:
            raise ConfigError("smtp.auth = oauth2 needs smtp.user (the mailbox the token is for)",
                              key="smtp.user")

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()

    def _session(self) -> smtplib.SMTP:
        if self._client is not None:
            if time.monotonic() - self._used_at < RECHECK_IDLE_SECONDS and _quiet(self._client):
                return self._client          # just used: a NOOP per message cost a round trip each
            try:
                if self._client.noop()[0] == 250:
                    self._used_at = time.monotonic()
                    return self._client
            except (OSError, smtplib.SMTPException):
                pass
            self._drop()
        self._client = self._connect()
        self._used_at = time.monotonic()
        return self._client

    def login_check(self) -> None:
        """Connect and log in now (for `mailbot auth check`); DeliveryUnavailable says why not."""
        self._logged_in()

    def _logged_in(self) -> smtplib.SMTP:
        """The session, or DeliveryUnavailable: our configuration or the server, not a message, is
        to blame, so every row would fail alike and the queue waits."""
        try:
            return self._session()
        except smtplib.SMTPAuthenticationError as err:
            how = f" with an OAuth2 token ({self.login_note})" if self.smtp.auth == "oauth2" else ""
            raise DeliveryUnavailable(
                f"SMTP login refused{how}: {err.smtp_code} {_words(err.smtp_error)}") from err
        except AuthError as err:
            raise DeliveryUnavailable(f"SMTP login: OAuth2: {err}") from err
        except (OSError, smtplib.SMTPException) as err:
            raise DeliveryUnavailable(f"cannot reach SMTP server: {_describe(err)}") from err

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.close()
            except OSError:
                pass

    def _connect(self) -> smtplib.SMTP:
        cfg = self.smtp
        port = cfg.port or {"tls": 465, "starttls": 587, "plain": 25}[cfg.security]
        client: smtplib.SMTP
        if cfg.security == "tls":
            client = smtplib.SMTP_SSL(cfg.host, port, timeout=cfg.timeout, local_hostname=self.local_hostname,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(cfg.host, port, timeout=cfg.timeout, local_hostname=self.local_hostname)
            if cfg.security == "starttls":
                client.starttls(context=ssl.create_default_context())
        try:
            self._login(client)
        except BaseException:
            client.close()
            raise
        return client

    def _login(self, client: smtplib.SMTP) -> None:
        """AUTH with the password, or XOAUTH2/OAUTHBEARER with a token (one retry with a fresh token)."""
        cfg = self.smtp
        if cfg.auth != "oauth2":
            if cfg.user:
                client.login(cfg.user, self.password or "")
            return

        client.ehlo_or_helo_if_needed()
        offered = set(client.esmtp_features.get("auth", "").upper().split())
        mechanism = choose_mechanism(self._mechanism, offered)
        self.login_note = str(mechanism)

        after_refusal = "\x01" if mechanism is Mechanism.OAUTHBEARER else ""

        def login(token) -> None:
            # After a refusal the server sends a 334 challenge (its error, as JSON): the answer is
            # empty (XOAUTH2) or ^A (RFC 7628 3.2.3), and the server then ends the exchange with 5xx.
            answers = iter([initial_response(mechanism, cfg.user, token.value)])
            client.auth(str(mechanism), lambda challenge=None: next(answers, after_refusal),
                        initial_response_ok=True)

        token = login_with_token(self._tokens, login,
                                 lambda err: isinstance(err, smtplib.SMTPAuthenticationError),
                                 f"SMTP server {cfg.host}")
        self.login_note = f"{mechanism}, token expires in {token.minutes_left(time.time())}"

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, message_id: str) -> dict[str, str]:
        client = self._logged_in()
        try:
            refused = client.sendmail(envelope_from, recipients, to_crlf(raw), mail_options=_utf8_options(
                client, envelope_from, recipients))
        except BaseException as err:
            self._drop()              # after any failure the session's state is unknown: start afresh
            mapped = _delivery_error(err)
            if mapped is err:
                raise
            raise mapped from err
        self._used_at = time.monotonic()
        return {address: f"{code} {_words(text)}" for address, (code, text) in refused.items()}


def _quiet(client: smtplib.SMTP) -> bool:
    """Nothing to read on an idle session: the server neither closed it nor said goodbye (421).
    A poll with no wait, instead of a NOOP's round trip."""
    sock = getattr(client, "sock", None)
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


def _delivery_error(err: BaseException) -> BaseException:
    """The delivery error a failed sendmail means (other exceptions pass through unchanged)."""
    if isinstance(err, smtplib.SMTPNotSupportedError):
        return PermanentDeliveryError(f"an address is not ASCII and the server does not offer SMTPUTF8: {err}")
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return PermanentDeliveryError("all recipients refused: " + _refusals(err.recipients))
    if isinstance(err, smtplib.SMTPResponseException):
        words = f"{err.smtp_code} {_words(err.smtp_error)}"
        if 400 <= err.smtp_code < 500:
            return TransientDeliveryError(f"server said {words}")
        return PermanentDeliveryError(f"server said {words}")
    if isinstance(err, (OSError, smtplib.SMTPException)):
        # Dropped after DATA: the server may or may not have taken it. Retried once, same Message-ID.
        return DeliveryOutcomeUnknown(f"connection lost while sending: {_describe(err)}")
    return err


def _utf8_options(client: smtplib.SMTP, envelope_from: str, recipients: list[str]) -> list[str]:
    """SMTPUTF8 (RFC 6531) when an envelope address is not ASCII; smtplib refuses it where not offered."""
    if all(address.isascii() for address in [envelope_from, *recipients]):
        return []
    client.ehlo_or_helo_if_needed()
    return ["SMTPUTF8"]


_BARE_LINE_END = re.compile(rb"\r?\n|\r")


def to_crlf(raw: bytes) -> bytes:
    """SMTP lines end in CRLF; smtplib sends bytes as they are, so bare LF must be fixed here."""
    return _BARE_LINE_END.sub(b"\r\n", raw)


def _words(error) -> str:
    return error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)


def _refusals(refused: dict) -> str:
    return "; ".join(f"{address}: {code} {_words(text)}" for address, (code, text) in refused.items())


def _describe(err: Exception) -> str:
    if isinstance(err, socket.timeout):
        return "timed out"
    return f"{type(err).__name__}: {err}"


def make_transport(settings: Settings, tokens=None) -> Transport:
    """`tokens`: the TokenSource for smtp.auth = "oauth2" (shared with IMAP)."""
    if settings.uses_smtp:
        return SmtpTransport(settings, settings.login_password("smtp"), tokens)
    return FileTransport(Path(settings.state.dir) / "outbox")
