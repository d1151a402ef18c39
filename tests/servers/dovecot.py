"""A private Dovecot on loopback: generated config, one passwd file per user, Maildirs in a temp dir."""
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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from tests.servers.common import INSTALL_HINT, ServerSetupError, free_port

DOVECOT_BINARY = "/usr/sbin/dovecot"


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

    def __init__(self, root: Path | None = None, binary: str = DOVECOT_BINARY,
                 oauth2_introspection_url: str | None = None):
        self.binary = binary
        # Set: XOAUTH2 and OAUTHBEARER logins are checked by an `oauth2` passdb asking this RFC 7662
        # endpoint (POST token=...); PLAIN/LOGIN keep the passwd files, for the tests' own helpers.
        self.oauth2_introspection_url = oauth2_introspection_url
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
        if self.oauth2_introspection_url:
            (self.root / "oauth2.conf.ext").write_text(_oauth2_ext_23(self))
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
auth_mechanisms = plain login{_OAUTH2_MECHANISMS if server.oauth2_introspection_url else ""}
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
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {server.passwd_dir}/%u
}}
{_oauth2_passdb_23(server)}
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
auth_mechanisms = plain login{_OAUTH2_MECHANISMS if server.oauth2_introspection_url else ""}
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
  mechanisms_filter = plain login
  passwd_file_path = {server.passwd_dir}/%{{user}}
}}
{_oauth2_passdb_24(server)}
userdb passwd-file {{
  passwd_file_path = {server.passwd_dir}/%{{user}}
}}
{_common_services(server)}
{capability}"""


_OAUTH2_MECHANISMS = " xoauth2 oauthbearer"


def _oauth2_passdb_23(server: Dovecot) -> str:
    if not server.oauth2_introspection_url:
        return ""
    return f"""passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {server.root}/oauth2.conf.ext
}}"""


def _oauth2_ext_23(server: Dovecot) -> str:
    """The oauth2 passdb's own file (2.3): RFC 7662 introspection by POST, the user from `username`."""
    return f"""introspection_mode = post
introspection_url = {server.oauth2_introspection_url}
username_attribute = username
username_format = %u
active_attribute = active
active_value = true
force_introspection = yes
timeout_msecs = 5000
"""


def _oauth2_passdb_24(server: Dovecot) -> str:
    if not server.oauth2_introspection_url:
        return ""
    return f"""oauth2 {{
  introspection_mode = post
  introspection_url = {server.oauth2_introspection_url}
  username_attribute = username
  active_attribute = active
  active_value = true
  force_introspection = yes
}}
passdb oauth2 {{
  mechanisms_filter = xoauth2 oauthbearer
}}"""
