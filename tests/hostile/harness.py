"""One hostile mailbox run through the real CLI against Dovecot and the SMTP sink, and what it left."""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.mailbox import export, mailbot_env, run_mailbot

JSON_COLUMNS = ("defects", "review_reasons", "states", "trail", "to_addrs", "cc_addrs", "reply_to")


@dataclass
class CliRun:
    """One `mailbot run --once`: how it ended and every byte it sent to the IMAP server."""

    returncode: int
    stdout: str
    stderr: str
    imap_bytes: bytes = b""

    def fetched_uids(self) -> set[int]:
        """UIDs whose bodies this run downloaded (from its UID FETCH ... BODY.PEEK[] commands)."""
        uids: set[int] = set()
        for match in re.finditer(rb"UID FETCH ([0-9:,]+) \([^)]*BODY\.PEEK\[\]", self.imap_bytes):
            for piece in match.group(1).split(b","):
                low, _, high = piece.partition(b":")
                uids.update(range(int(low), int(high or low) + 1))
        return uids


@dataclass
class MailboxRun:
    """A state folder that has been run against a mailbox, read back for assertions."""

    env: dict[str, str]
    state_dir: Path
    account: object
    uids: dict[str, int] = field(default_factory=dict)          # case tag -> UID in INBOX
    runs: list[CliRun] = field(default_factory=list)
    sent: list = field(default_factory=list)                     # ReceivedMail, in order
    records: list[dict] = field(default_factory=list)
    server_bytes: dict[int, bytes] = field(default_factory=dict)

    # -- reading back
    def refresh(self) -> None:
        self.records = export(self.env)
        with self.account.session() as client:
            client.select_folder("INBOX", readonly=True)
            answer = client.fetch(sorted(self.uids.values()), ["BODY.PEEK[]"])
        self.server_bytes = {uid: bytes(item[b"BODY[]"]) for uid, item in answer.items()}

    def record_of(self, tag: str) -> dict:
        """The register entry of the message appended for this case, found by its bytes' sha256."""
        digest = hashlib.sha256(self.server_bytes[self.uids[tag]]).hexdigest()
        (register_id,) = self.query("SELECT id FROM message WHERE raw_sha256 = ?", digest)[0]
        (record,) = [record for record in self.records if record["id"] == register_id]
        if record["message_id"]:
            assert len(self.records_with(record["message_id"])) == 1, f"{tag} registered more than once"
        return record

    def records_with(self, message_id: str) -> list[dict]:
        return [record for record in self.records if record["message_id"] == message_id]

    def record(self, message_id: str) -> dict:
        """The single register entry for this Message-ID (fails on none or on doubles)."""
        found = self.records_with(message_id)
        assert len(found) == 1, f"{len(found)} register rows for {message_id}"
        return found[0]

    def row(self, register_id: int) -> dict:
        """The full register row (kind_reason, defects, error_text...), JSON columns decoded."""
        with sqlite3.connect(f"file:{self.state_dir / 'register.sqlite3'}?mode=ro", uri=True) as db:
            db.row_factory = sqlite3.Row
            row = dict(db.execute("SELECT * FROM message WHERE id = ?", (register_id,)).fetchone())
        for column in JSON_COLUMNS:
            if isinstance(row.get(column), str):
                row[column] = json.loads(row[column])
        return row

    def query(self, sql: str, *args) -> list[tuple]:
        with sqlite3.connect(f"file:{self.state_dir / 'register.sqlite3'}?mode=ro", uri=True) as db:
            return db.execute(sql, args).fetchall()

    def replies_to(self, message_id: str) -> list:
        """Mail we sent that answers this Message-ID."""
        return [mail for mail in self.sent if (mail.message()["In-Reply-To"] or "").strip() == message_id]

    def stored_raw(self, sha256: str) -> bytes:
        return (self.state_dir / "raw" / sha256[:2] / sha256[2:4] / f"{sha256}.eml").read_bytes()

    # -- the promises every hostile case keeps
    def assert_kept(self, case_uid: int, record: dict) -> dict:
        """Registered once, the raw bytes as the server holds them are stored, and the register explains."""
        row = self.row(record["id"])
        server = self.server_bytes[case_uid]
        assert row["raw_sha256"] == hashlib.sha256(server).hexdigest()
        assert self.stored_raw(row["raw_sha256"]) == server
        assert " " in (row["kind_reason"] or ""), f"no reason in words for kind {row['kind']}: {row['kind_reason']!r}"
        return row

    def assert_not_acknowledged(self, message_id: str, record: dict) -> None:
        assert self.replies_to(message_id) == []
        assert record["ack"]["status"] == "suppressed"
        assert " " in (record["ack"]["reason"] or ""), f"no reason in words: {record['ack']!r}"

    def assert_acknowledged_once(self, message_id: str, record: dict) -> object:
        (reply,) = self.replies_to(message_id)
        assert list(reply.rcpt_tos) == [record["from_address"]]
        assert record["ack"]["status"] == "sent"
        return reply


def start_run(state_dir: Path, account, sink, proxy=None, **extra) -> MailboxRun:
    env = mailbot_env(state_dir, account, sink, **extra)
    if proxy is not None:
        env["MAILBOT_IMAP_PORT"] = str(proxy.port)
    return MailboxRun(env=env, state_dir=state_dir, account=account)


def run_once(run: MailboxRun, sink, proxy=None, *args: str) -> CliRun:
    """`mailbot run --once`; keeps what it sent to IMAP and what reached the sink."""
    if proxy is not None:
        proxy.reset_record()
    before = len(sink.messages)
    result = run_mailbot(run.env, "run", "--once", *args, check=False)
    done = CliRun(result.returncode, result.stdout, result.stderr, proxy.client_bytes() if proxy else b"")
    run.runs.append(done)
    run.sent.extend(sink.messages[before:])
    return done
