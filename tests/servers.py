"""Real servers on loopback for tests and benchmarks: a private Dovecot and an aiosmtpd sink."""
from __future__ import annotations

import grp
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator

DOVECOT_BINARY = "/usr/sbin/dovecot"
INSTALL_HINT = ("run the test suite with `bash scripts/test.sh` (it installs dovecot-imapd with apt-get), "
                "or install the package `dovecot-imapd` yourself")
PROCESSED_KEYWORD = b"$MailbotProcessed"

class ServerSetupError(RuntimeError):
    """A test server could not be started; the message says how to fix it."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_for_port(host: str, port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.02)
    raise ServerSetupError(f"nothing listens on {host}:{port} after {timeout} s")


# ---------------------------------------------------------------------------------------------
# Dovecot


@dataclass
class ImapAccount:
    """One mailbox user on the test Dovecot, with helpers that act as another IMAP client would."""

    host: str
    port: int
    user: str
    password: str

    def client(self):
        """A logged-in IMAPClient (plain, loopback); the caller logs out."""
        from imapclient import IMAPClient

        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.normalise_times = False
        client.login(self.user, self.password)
        return client

    @contextmanager
    def session(self) -> Iterator:
        client = self.client()
        try:
            yield client
        finally:
            try:
                client.logout()
            except Exception:  # noqa: BLE001 - a broken test session must not hide the test's error
                pass

    def append(self, folder: str, raw: bytes, internaldate: datetime | None = None,
               flags: tuple = ()) -> int:
        """APPEND one message; return its UID (from APPENDUID)."""
        with self.session() as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            answer = client.append(folder, raw, flags=flags, msg_time=internaldate)
        match = re.search(rb"APPENDUID \d+ (\d+)", answer)
        if not match:
            raise ServerSetupError(f"APPEND gave no APPENDUID: {answer!r}")
        return int(match.group(1))

    def append_many(self, folder: str, messages: list[bytes]) -> list[int]:
        """APPEND several messages on one connection; return their UIDs in order."""
        uids = []
        with self.session() as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            for raw in messages:
                answer = client.append(folder, raw)
                uids.append(int(re.search(rb"APPENDUID \d+ (\d+)", answer).group(1)))
        return uids

    def create_folder(self, folder: str) -> None:
        with self.session() as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)

    def delete_folder(self, folder: str) -> None:
        with self.session() as client:
            if client.folder_exists(folder):
                client.delete_folder(folder)

    def folder_exists(self, folder: str) -> bool:
        with self.session() as client:
            return client.folder_exists(folder)

    def folder_uids(self, folder: str) -> list[int]:
        """Every UID in the folder, ascending (read-only look)."""
        with self.session() as client:
            client.select_folder(folder, readonly=True)
            return sorted(client.search(["ALL"]))

    def folder_flags(self, folder: str) -> dict[int, tuple[bytes, ...]]:
        """UID -> flags, read-only (does not change \\Seen)."""
        with self.session() as client:
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            if not uids:
                return {}
            return {uid: tuple(item[b"FLAGS"]) for uid, item in client.fetch(uids, ["FLAGS"]).items()}

    def uidvalidity(self, folder: str) -> int:
        with self.session() as client:
            return int(client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"])

    def expunge_uids(self, folder: str, uids: list[int]) -> None:
        """Delete messages as another client would (UID EXPUNGE of exactly these UIDs)."""
        with self.session() as client:
            client.select_folder(folder)
            client.delete_messages(uids)
            client.uid_expunge(uids)

    def settings(self, **imap):
        """mailbot Settings pointing at this account over plain loopback; override imap keys."""
        from mailbot.config import Settings

        values = {"host": self.host, "port": self.port, "user": self.user,
                  "password": self.password, "security": "plain", "timeout": 10.0}
        values.update(imap)
        return Settings.model_validate({"imap": values})


class Dovecot:
    """A private Dovecot on 127.0.0.1: its own config, passwd file, Maildirs and log in a temp dir."""

    host = "127.0.0.1"

    def __init__(self, root: Path | None = None, binary: str = DOVECOT_BINARY):
        self.binary = binary
        if not (os.path.exists(binary) and os.access(binary, os.X_OK)):
            raise ServerSetupError(f"Dovecot not found at {binary}: {INSTALL_HINT}")
        self.version = _dovecot_version(binary)
        self.root = Path(root or tempfile.mkdtemp(prefix="mailbot-dovecot-"))
        os.chmod(self.root, 0o755)   # the mail user (not root) must reach its Maildir
        self.port = free_port(self.host)
        self.tls_port = free_port(self.host)     # implicit TLS (imaps); STARTTLS is on `port`
        self.ca_file = self.root / "cert.pem"    # self-signed for 127.0.0.1: trust it via SSL_CERT_FILE
        self.key_file = self.root / "key.pem"
        self.config_path = self.root / "dovecot.conf"
        self.passwd_dir = self.root / "passwd"   # one passwd-file per user: read fresh on first login
        self.log_path = self.root / "dovecot.log"
        self.mail_root = self.root / "mail"
        self._mail_uid, self._mail_gid, self._service_user = _identities()
        self._internal_user = ("dovecot" if os.geteuid() == 0 and _user_exists("dovecot")
                               else self._service_user)
        # Dovecot's service sockets belong to this group; not root, we can only use our own.
        self._internal_group = "dovecot" if os.geteuid() == 0 else grp.getgrgid(os.getegid()).gr_name
        self._lock = threading.Lock()
        self._counter = 0
        self._process: subprocess.Popen | None = None
        self.capability_override: str | None = None
        self.mail_root.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            os.chown(self.mail_root, self._mail_uid, self._mail_gid)
        self.passwd_dir.mkdir(exist_ok=True)
        self.default = self.new_user("mailbot")

    # -- the default account's fields and helpers, for short tests
    @property
    def user(self) -> str:
        return self.default.user

    @property
    def password(self) -> str:
        return self.default.password

    def append(self, folder: str, raw: bytes, internaldate: datetime | None = None,
               flags: tuple = ()) -> int:
        return self.default.append(folder, raw, internaldate, flags)

    def create_folder(self, folder: str) -> None:
        self.default.create_folder(folder)

    def delete_folder(self, folder: str) -> None:
        self.default.delete_folder(folder)

    def folder_uids(self, folder: str) -> list[int]:
        return self.default.folder_uids(folder)

    # -- users
    def new_user(self, prefix: str = "user") -> ImapAccount:
        """A fresh user with an empty mailbox and its own passwd file (no reload race in Dovecot)."""
        with self._lock:
            self._counter += 1
            name = f"{prefix}{self._counter}"
        password = secrets.token_hex(8)
        (self.passwd_dir / name).write_text(
            f"{name}:{{PLAIN}}{password}:{self._mail_uid}:{self._mail_gid}::{self.mail_root / name}::\n")
        return ImapAccount(self.host, self.port, name, password)

    # -- life cycle
    def start(self) -> None:
        if not self.ca_file.exists():
            _make_certificate(self.ca_file, self.key_file)
        self.config_path.write_text(self._config())
        try:
            self._process = subprocess.Popen(
                [self.binary, "-F", "-c", str(self.config_path)],
                stdout=subprocess.DEVNULL, stderr=(self.root / "dovecot.stderr").open("ab"),
                start_new_session=True)
        except OSError as err:
            raise ServerSetupError(f"cannot start Dovecot: {err}. {INSTALL_HINT}") from err
        try:
            self._wait_ready()
        except ServerSetupError:
            self.stop()
            raise

    def stop(self, graceful: bool = True) -> None:
        """SIGTERM and wait (Dovecot's master takes about a second), or kill the whole process
        group at once (graceful=False: for restarts; Maildir writes are atomic, nothing is lost)."""
        if self._process is None:
            return
        if not graceful and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=5)
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=5)
        self._process = None
        _wait_port_closed(self.host, self.port)

    def restart(self, capabilities: str | None = None) -> None:
        """Restart on the same port; `capabilities` replaces what is advertised after login."""
        self.stop(graceful=False)
        self.capability_override = capabilities
        self.start()

    @contextmanager
    def without_move(self) -> Iterator["Dovecot"]:
        """Dovecot advertising no MOVE for the duration of the block, then back to normal."""
        with self.default.session() as client:
            advertised = [cap.decode() for cap in client.capabilities()]
        self.restart(capabilities=" ".join(cap for cap in advertised if cap.upper() != "MOVE"))
        try:
            yield self
        finally:
            self.restart(capabilities=None)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def _wait_ready(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerSetupError(
                    f"Dovecot exited with status {self._process.returncode}; "
                    f"log:\n{self.log_text()[-3000:]}\nstderr:\n"
                    f"{(self.root / 'dovecot.stderr').read_text(errors='replace')[-2000:]}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as conn:
                    if conn.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.03)
        raise ServerSetupError(f"Dovecot did not greet on port {self.port}; log:\n{self.log_text()[-3000:]}")

    def _config(self) -> str:
        builder = _config_24 if self.version >= (2, 4) else _config_23
        return builder(self)


def _dovecot_version(binary: str) -> tuple[int, int]:
    try:
        text = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ServerSetupError(f"cannot run {binary} --version: {err}. {INSTALL_HINT}") from err
    match = re.match(r"(\d+)\.(\d+)", text.strip())
    if not match:
        raise ServerSetupError(f"unexpected `dovecot --version` output: {text!r}")
    return int(match.group(1)), int(match.group(2))


def _identities() -> tuple[int, int, str]:
    """(mail uid, mail gid, service user). Dovecot refuses mail access as root, so root uses nobody."""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        return nobody.pw_uid, nobody.pw_gid, "dovenull" if _user_exists("dovenull") else "nobody"
    # Not root: every Dovecot process runs as us; no chroot, no privilege changes.
    me = pwd.getpwuid(os.geteuid())
    return me.pw_uid, me.pw_gid, me.pw_name


def _make_certificate(cert: Path, key: Path) -> None:
    command = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
               "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "3650", "-subj", "/CN=localhost",
               "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as err:
        raise ServerSetupError(f"cannot make a test certificate with openssl: {err}") from err
    os.chmod(key, 0o600)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _wait_port_closed(host: str, port: int, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                pass
        except OSError:
            return
        time.sleep(0.02)


def _common_services(server: Dovecot) -> str:
    return f"""
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {server.host}
    port = {server.port}
  }}
  inet_listener imaps {{
    address = {server.host}
    port = {server.tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
"""


def _config_23(server: Dovecot) -> str:
    capability = (f"protocol imap {{\n  imap_capability = {server.capability_override}\n}}\n"
                  if server.capability_override else "")
    root = server.root
    return f"""# generated for tests by tests/servers.py (Dovecot 2.3 syntax)
base_dir = {root}/run
state_dir = {root}/state
log_path = {server.log_path}
info_log_path = {server.log_path}
protocols = imap
listen = {server.host}
ssl = yes
ssl_cert = <{server.ca_file}
ssl_key = <{server.key_file}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = {server._service_user}
default_internal_user = {server._internal_user}
default_internal_group = {server._internal_group}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:~/Maildir
mail_fsync = never
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {server.passwd_dir}/%u
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {server.passwd_dir}/%u
}}
{_common_services(server)}
{capability}"""


def _config_24(server: Dovecot) -> str:
    capability = f"imap_capability = {server.capability_override}\n" if server.capability_override else ""
    root = server.root
    return f"""# generated for tests by tests/servers.py (Dovecot 2.4 syntax)
dovecot_config_version = 2.4.0
dovecot_storage_version = 2.4.0
base_dir = {root}/run
state_dir = {root}/state
log_path = {server.log_path}
info_log_path = {server.log_path}
protocols = imap
listen = {server.host}
ssl = yes
ssl_server_cert_file = {server.ca_file}
ssl_server_key_file = {server.key_file}
auth_allow_cleartext = yes
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = {server._service_user}
default_internal_user = {server._internal_user}
default_internal_group = {server._internal_group}
first_valid_uid = 1
first_valid_gid = 1
mail_driver = maildir
mail_path = ~/Maildir
mail_fsync = never
passdb passwd-file {{
  passwd_file_path = {server.passwd_dir}/%{{user}}
}}
userdb passwd-file {{
  passwd_file_path = {server.passwd_dir}/%{{user}}
}}
{_common_services(server)}
{capability}"""


# ---------------------------------------------------------------------------------------------
# SMTP sink


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


class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 that keeps what it accepts; thread-safe to read.

    `behaviour` (a Behaviour) decides the answers; set it in a test, `clear()` resets it.
    AUTH PLAIN/LOGIN is offered without TLS and accepts `user`/`password`; it is optional.
    """

    host = "127.0.0.1"

    def __init__(self, user: str = "mailbot", password: str = "sink-secret"):
        self.port = free_port(self.host)
        self.user, self.password = user, password
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

        self._controller = Controller(
            _SinkHandler(self), hostname=self.host, port=self.port, decode_data=False,
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

    def _note_refused(self, reply: str) -> None:
        with self._lock:
            self._refused.append(reply)


# ---------------------------------------------------------------------------------------------
# A TCP proxy that breaks things on purpose


@dataclass
class Fault:
    """What the proxy does once the server's bytes contain `trigger` (then the fault is spent).

    action "drop":  forward `after_bytes` more bytes from the trigger on, then close both sides.
    action "stall": forward `after_bytes` more bytes, then forward nothing (the client times out).
    """

    trigger: bytes
    action: str = "drop"
    after_bytes: int = 0
    skip: int = 0          # let this many occurrences of the trigger through first


class FaultProxy:
    """127.0.0.1:port -> target; records what clients send; injects one Fault when told to."""

    host = "127.0.0.1"

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.fault: Fault | None = None
        self.fired: list[Fault] = []
        self._sent: list[bytes] = []
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((self.host, 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept_loop, daemon=True, name="fault-proxy").start()

    def client_bytes(self) -> bytes:
        """Everything clients sent so far, in order (commands and literals)."""
        with self._lock:
            return b"".join(self._sent)

    def reset_record(self) -> None:
        with self._lock:
            self._sent.clear()

    def close(self) -> None:
        self._closed = True
        for sock in [self._listener, *self._sockets]:
            try:
                sock.close()
            except OSError:
                pass

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump_up, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump_down, args=(upstream, client), daemon=True).start()

    def _pump_up(self, client: socket.socket, upstream: socket.socket) -> None:
        while True:
            try:
                data = client.recv(65536)
            except OSError:
                data = b""
            if not data:
                _shut(upstream)
                return
            with self._lock:
                self._sent.append(data)
            try:
                upstream.sendall(data)
            except OSError:
                return

    def _pump_down(self, upstream: socket.socket, client: socket.socket) -> None:
        while True:
            try:
                data = upstream.recv(65536)
            except OSError:
                data = b""
            if not data:
                _shut(client)
                return
            fault = self.fault
            position = self._trigger_position(fault, data) if fault else -1
            if position < 0:
                try:
                    client.sendall(data)
                except OSError:
                    return
                continue
            self.fault = None
            self.fired.append(fault)
            try:
                client.sendall(data[:position + fault.after_bytes])
            except OSError:
                return
            if fault.action == "drop":
                _shut(client)
                _shut(upstream)
                return
            return   # stall: stop forwarding; the client's socket timeout ends the wait


    def _trigger_position(self, fault: Fault, data: bytes) -> int:
        """Where the fault fires in this chunk, or -1 (counting down `skip` on the way)."""
        position = data.find(fault.trigger)
        while position >= 0 and fault.skip > 0:
            fault.skip -= 1
            position = data.find(fault.trigger, position + 1)
        return position


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass
