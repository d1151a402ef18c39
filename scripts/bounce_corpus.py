"""Make real delivery reports with a real MTA on loopback, for tests/robots/corpus/<family>/.

    python scripts/bounce_corpus.py postfix   # needs Debian's postfix installed (not started)
    python scripts/bounce_corpus.py exim      # needs Debian's exim4-daemon-light installed

Not run by the tests or CI: its output (the .eml files) is kept in the project. The MTA runs from a
configuration generated in a temporary folder, listens on loopback only, and relays every report it
writes to a sink (aiosmtpd) on 127.0.0.1:2525, which saves it. A second server on 127.0.0.1:2526 plays
a remote host that refuses recipients: 550 5.1.1 for unknown@, 452 4.2.2 for full@ (a retry).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from aiosmtpd.controller import Controller

SENDER = "consultation@consult.example.int"
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "robots" / "corpus"


class Sink:
    """Saves every message it receives."""

    def __init__(self):
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.original_content)
        return "250 2.0.0 kept"


class Refusing:
    """A remote host that refuses some recipients at RCPT time."""

    async def handle_RCPT(self, server, session, envelope, address, options):
        local = address.split("@")[0].lower()
        if local.startswith("unknown"):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
        if local.startswith("full"):
            return f"452 4.2.2 <{address}>: Mailbox full, try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 accepted"


def message(number: int, to: list[str], subject: str) -> bytes:
    return (f"From: ITU consultation <{SENDER}>\r\nTo: {', '.join(to)}\r\nSubject: {subject}\r\n"
            f"Message-ID: <corpus-{number}@consult.example.int>\r\nDate: Sat, 05 Dec 2026 15:00:00 +0000\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Reminder: the deadline for contributions is near.\r\n").encode()


# (case name, recipients, DSN notify option for Postfix's sendmail -N, Exim ignores it)
CASES = (
    ("unknown_local_user", ["nosuchuser@robots.test"], "failure"),
    ("full_mailbox", ["full@box.robots.test"], "failure"),
    ("refusing_host", ["unknown.person@refusing.example"], "failure"),
    ("multi_recipient", ["unknown.a@refusing.example", "unknown.b@refusing.example", "nosuchuser2@robots.test"],
     "failure"),
    ("delay_then_retry", ["full.later@refusing.example"], "delay,failure"),
    ("delivered_notice", ["ok@box.robots.test"], "success"),
    ("pipe_command", ["piped@robots.test"], "failure"),
)


def postfix_config(root: Path) -> dict[str, str]:
    (root / "vmail").mkdir(parents=True)
    shutil.chown(root / "vmail", "nobody", "nogroup")
    (root / "spool").mkdir()
    (root / "data").mkdir()
    shutil.chown(root / "data", "postfix", "postfix")
    big = root / "vmail" / "full"
    big.write_bytes(b"x" * 40000)         # already past the 20,000-byte mailbox limit
    shutil.chown(big, "nobody", "nogroup")
    main = textwrap.dedent(f"""\
        compatibility_level = 3.6
        myhostname = mta.robots.test
        mydomain = robots.test
        myorigin = robots.test
        mydestination = robots.test
        inet_interfaces = loopback-only
        inet_protocols = ipv4
        queue_directory = {root}/spool
        data_directory = {root}/data
        maillog_file = {root}/maillog
        maillog_file_prefixes = {root}
        alias_maps = inline:{{ piped=|/bin/false }}
        alias_database =
        local_recipient_maps = $alias_maps
        virtual_mailbox_domains = box.robots.test
        virtual_mailbox_base = {root}/vmail
        virtual_mailbox_maps = inline:{{ full@box.robots.test=full, ok@box.robots.test=ok }}
        virtual_uid_maps = static:65534
        virtual_gid_maps = static:65534
        virtual_mailbox_limit = 20000
        message_size_limit = 20000
        mailbox_size_limit = 0
        transport_maps = inline:{{ refusing.example=smtp:[127.0.0.1]:2526 }}
        default_transport = smtp:[127.0.0.1]:2525
        smtp_tls_security_level = none
        delay_warning_time = 1s
        queue_run_delay = 2s
        minimal_backoff_time = 2s
        maximal_backoff_time = 4s
        maximal_queue_lifetime = 12s
        bounce_queue_lifetime = 12s
        """)
    (root / "etc").mkdir()
    (root / "etc" / "main.cf").write_text(main)
    shutil.copy("/etc/postfix/master.cf", root / "etc" / "master.cf")
    return {"MAIL_CONFIG": str(root / "etc")}


def run_postfix(root: Path, sink: Sink) -> None:
    env = postfix_config(root)
    subprocess.run(["postfix", "-c", env["MAIL_CONFIG"], "set-permissions"], check=False, capture_output=True)
    subprocess.run(["postfix", "-c", env["MAIL_CONFIG"], "check"], check=False)   # the first one creates the queue
    subprocess.run(["postfix", "-c", env["MAIL_CONFIG"], "check"], check=True)
    subprocess.run(["postfix", "-c", env["MAIL_CONFIG"], "start"], check=True)
    try:
        for number, (name, recipients, notify) in enumerate(CASES, start=1):
            subprocess.run(["sendmail", "-C", env["MAIL_CONFIG"], "-N", notify, "-f", SENDER, *recipients],
                           input=message(number, recipients, f"[{name}] reminder"), check=True)
        _wait(sink, expected=8, seconds=60)
    finally:
        subprocess.run(["postfix", "-c", env["MAIL_CONFIG"], "stop"], check=False)


def exim_config(root: Path) -> Path:
    for folder in ("spool", "log"):
        (root / folder).mkdir(parents=True)
        shutil.chown(root / folder, "Debian-exim", "Debian-exim")
    conf = root / "exim.conf"
    conf.write_text(textwrap.dedent(f"""\
        primary_hostname = mta.robots.test
        qualify_domain = robots.test
        spool_directory = {root}/spool
        log_file_path = {root}/log/%slog
        keep_environment =
        exim_user = Debian-exim
        exim_group = Debian-exim
        never_users = root
        daemon_smtp_ports = 2527
        local_interfaces = 127.0.0.1
        domainlist local_domains = robots.test : box.robots.test
        trusted_users = root
        delay_warning = 5s : 1h
        begin routers
        refusing:
          driver = manualroute
          domains = refusing.example
          transport = remote_smtp
          route_list = * 127.0.0.1::2526 byname
          self = send
        piped:
          driver = redirect
          domains = robots.test
          local_parts = piped
          data = |/bin/false
          pipe_transport = pipe_out
        full:
          driver = accept
          domains = box.robots.test
          local_parts = full : ok
          transport = small_file
        sink:
          driver = manualroute
          domains = ! +local_domains
          transport = remote_smtp
          route_list = * 127.0.0.1::2525 byname
          self = send
        begin transports
        remote_smtp:
          driver = smtp
          hosts_avoid_tls = *
          allow_localhost
        small_file:
          driver = appendfile
          file = {root}/vmail/$local_part_data
          quota = 2K
          user = Debian-exim
        pipe_out:
          driver = pipe
          user = Debian-exim
          return_fail_output
        begin retry
        refusing.example  *  F,20s,5s
        *  *  F,1m,10s
        """))
    (root / "vmail").mkdir()
    shutil.chown(root / "vmail", "Debian-exim", "Debian-exim")
    full = root / "vmail" / "full"
    full.write_bytes(b"x" * 4000)
    shutil.chown(full, "Debian-exim", "Debian-exim")
    return conf


def run_exim(root: Path, sink: Sink) -> None:
    conf = exim_config(root)
    exim = shutil.which("exim4") or shutil.which("exim")
    subprocess.run([exim, "-C", str(conf), "-bV"], check=True, capture_output=True)
    for number, (name, recipients, _notify) in enumerate(CASES, start=1):
        if name == "delivered_notice":
            continue        # Exim writes no success notices
        subprocess.run([exim, "-C", str(conf), "-odi", "-f", SENDER, *recipients],
                       input=message(number, recipients, f"[{name}] reminder"), check=False)
    deadline = time.time() + 45
    while time.time() < deadline:       # queue runs: the delayed one warns, then fails for good
        subprocess.run([exim, "-C", str(conf), "-qff"], check=False)
        time.sleep(4)
    _wait(sink, expected=7, seconds=5)


def _wait(sink: Sink, expected: int, seconds: int) -> None:
    deadline = time.time() + seconds
    while len(sink.messages) < expected and time.time() < deadline:
        time.sleep(0.5)


def _file_name(raw: bytes, out: Path) -> str:
    """<case>.eml, or <case>_<n>.eml for the second report about one message (a delay, then the failure)."""
    match = re.search(rb"\[([a-z_]+)\] reminder", raw)
    case = match.group(1).decode() if match else "report"
    name, number = f"{case}.eml", 2
    while (out / name).exists():
        name, number = f"{case}_{number}.eml", number + 1
    return name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("family", choices=("postfix", "exim"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or CORPUS / args.family
    out.mkdir(parents=True, exist_ok=True)
    sink = Sink()
    controllers = [Controller(sink, hostname="127.0.0.1", port=2525),
                   Controller(Refusing(), hostname="127.0.0.1", port=2526)]
    for controller in controllers:
        controller.start()
    root = Path(tempfile.mkdtemp(prefix=f"robots-{args.family}-"))
    root.chmod(0o755)
    try:
        (run_postfix if args.family == "postfix" else run_exim)(root, sink)
    finally:
        for controller in controllers:
            controller.stop()
    for raw in sink.messages:
        (out / _file_name(raw, out)).write_bytes(raw)
    print(f"{len(sink.messages)} reports written to {out} (MTA files in {root})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
