"""Bench 10 (issue 18): both rows of the speed table, each next to its floor measured in the same run.

  plain:     N plain messages through `mailbot run --once`, each acknowledged, against fetch + parse +
             one short SMTP reply per message over one SMTP session (target >= 0.5x).
  documents: M messages with Word/PDF documents through `mailbot run --once`, against the same fetch +
             parse loop reading PDFs with `pdftotext` and Word with python-docx, one after the other:
             mailbot's default readers (target >= 1.0x, stretch 1.7x). An info row gives the same
             messages handed to a running `mailbot run` (started and idle, as a deployment runs it):
             from their arrival in INBOX to the last receipt, with no process start in it.
  ceilings:  under each run, the least wall time its CPU allows on this machine (mailbot's CPU, every
             process it started, spread perfectly over the cores; the servers' CPU left out) and the
             best ratio that would give: no arrangement of the same work can do better.

    python bench/speed_bench.py [--messages 2000] [--documents 100] [--only plain|documents]
"""
from __future__ import annotations

import base64
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (CpuAccount, Row, bench_args, best_ratio, env_for, fetch_parsed, fill_maildir,  # noqa: E402
                          finish, load_note,
                          mailbot_cmd, run_timed, servers, state_dir)
from bench.documents_bench import generate  # noqa: E402
from bench.ingest_bench import floor_with_acks_seconds  # noqa: E402
from bench.mailgen import plain_message  # noqa: E402

PLAIN_TARGET, DOCUMENTS_TARGET, DOCUMENTS_STRETCH = 0.5, 1.0, 1.7


def read_like_mailbot(data: bytes, content_type: str, filename: str) -> str:
    """mailbot's default readers, called plainly: pdftotext for PDF, python-docx for Word."""
    if content_type == "application/pdf" or filename.endswith(".pdf"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(data)
            handle.flush()
            return subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", handle.name, "-"],
                                  capture_output=True, check=False).stdout.decode("utf-8", "replace")
    import docx

    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


def documents_floor_seconds(account) -> tuple[float, int]:
    """fetch + mail-parser + each document read in turn with the same readers; (seconds, characters)."""
    start, characters = time.perf_counter(), 0
    for mail in fetch_parsed(account, 100):
        for attachment in mail.attachments:
            payload = attachment["payload"]
            data = base64.b64decode(payload) if attachment.get("binary") else payload.encode()
            characters += len(read_like_mailbot(data, attachment.get("mail_content_type", ""),
                                                attachment.get("filename") or ""))
    return time.perf_counter() - start, characters


def plain_rows(count: int) -> list[Row]:
    rng = random.Random(20200115)
    raws = [plain_message(number, rng) for number in range(count)]
    with servers() as (dovecot, sink):
        account = dovecot.new_user("speedplain")
        fill_maildir(dovecot, account, raws)
        load_before = load_note()
        floor, acked = floor_with_acks_seconds(account, sink, batch_size=100)
        sink.wait_for(acked, timeout=10)
        seconds, result = run_timed(mailbot_cmd("run", "--once"), env_for(state_dir("speed"), account, sink))
        sent = sink.wait_for(acked + count, timeout=10)[acked:]
    if len(sent) < count:
        raise RuntimeError(f"mailbot acknowledged {len(sent)} of {count}:\n{result.stdout[-2000:]}")
    ours, theirs = count / seconds, count / floor
    return [Row.judged(f"plain: {count} messages, run --once, each acknowledged",
                       f"{ours:.0f} msg/s ({seconds:.1f} s; {result.cpu_seconds:.1f} s CPU)",
                       f"fetch + parse + one SMTP reply each: {theirs:.0f} msg/s ({floor:.1f} s)",
                       f"{ours / theirs:.2f}x", f">= {PLAIN_TARGET}x", ours / theirs >= PLAIN_TARGET),
            Row("  per message", f"{1000 * seconds / count:.2f} ms wall, {1000 * result.cpu_seconds / count:.2f} ms CPU",
                f"{1000 * floor / count:.2f} ms", verdict="info", target=f"{load_before} -> {load_note()}"),
            ceiling_row(floor, result.cpu_seconds, count)]


def ceiling_row(floor: float, cpu_seconds: float, count: int) -> Row:
    """The best ratio this much CPU allows on this machine: mailbot's CPU (every process it started)
    spread perfectly over the cores, the servers' CPU left out."""
    wall, ratio = best_ratio(floor, cpu_seconds)
    return Row(f"  the least wall time this CPU allows on {os.cpu_count()} cores (all of it in parallel)",
               f"{wall:.1f} s ({1000 * wall / count:.2f} ms a message)", f"{floor:.1f} s",
               f"at best {ratio:.2f}x", verdict="info")


def service_seconds(dovecot, sink, raws: list[bytes]) -> tuple[float, float]:
    """The messages moved into INBOX at once while `mailbot run` idles on it (IMAP IDLE): (seconds
    from the move to the last receipt, the CPU the service's processes used meanwhile)."""
    account = dovecot.new_user("speedservice")
    account.create_folder("INBOX")
    uids = account.append_many("Holding", raws)
    state = state_dir("speedservice")
    env = env_for(state, account, sink, MAILBOT_SCHEDULE_POLL_MINUTES="60")
    account_cpu = CpuAccount()
    worker = subprocess.Popen(mailbot_cmd("run"), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True, preexec_fn=account_cpu.join)
    try:
        _wait_first_poll(state / "register.sqlite3", worker)
        time.sleep(1.0)                                   # into IDLE
        sink.arrivals.clear()
        with account.session() as client:
            client.select_folder("Holding")
            started, cpu_started = time.time(), account_cpu.so_far()
            client.move(uids, "INBOX")
        deadline = time.monotonic() + 600
        while len(sink.arrivals) < len(raws) and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.01)
        if len(sink.arrivals) < len(raws):
            raise RuntimeError(f"the service acknowledged {len(sink.arrivals)} of {len(raws)}")
        return sink.arrivals[len(raws) - 1][0] - started, account_cpu.so_far() - cpu_started
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)
        account_cpu.seconds(fallback=0.0)               # removes the group


def _wait_first_poll(database: Path, worker: subprocess.Popen, timeout: float = 120) -> None:
    """Until the service has finished its first poll (the register notes `last_poll`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and worker.poll() is None:
        try:
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as connection:
                if connection.execute("SELECT 1 FROM poll_state WHERE name = 'last_poll'").fetchone():
                    return
        except sqlite3.Error:
            pass                              # not created or not migrated yet
        time.sleep(0.1)
    raise RuntimeError("the service did not finish its first poll")


def documents_rows(count: int) -> list[Row]:
    raws, mix = generate(count)
    with servers(timed_sink=True) as (dovecot, sink):
        account = dovecot.new_user("speeddocs")
        fill_maildir(dovecot, account, raws)
        load_before = load_note()
        floor, characters = documents_floor_seconds(account)
        seconds, result = run_timed(mailbot_cmd("run", "--once"), env_for(state_dir("speed"), account, sink),
                                    timeout=1800)
        sent = sink.wait_for(count, timeout=10)
        service, service_cpu = service_seconds(dovecot, sink, raws)
    if len(sent) < count:
        raise RuntimeError(f"mailbot acknowledged {len(sent)} of {count}:\n{result.stdout[-2000:]}")
    ratio = floor / seconds
    verdict = "pass" if ratio >= DOCUMENTS_TARGET else "FAIL"
    if ratio >= DOCUMENTS_STRETCH:
        verdict = "pass (stretch too)"
    return [Row(f"documents: {count} messages ({mix['docx']} docx + {mix['pdf']} PDF, "
                f"{mix['pages'] / count:.0f} pages avg), run --once",
                f"{seconds:.1f} s ({result.cpu_seconds:.1f} s CPU)",
                f"same loop, pdftotext + python-docx in turn: {floor:.1f} s",
                f"{ratio:.2f}x", f">= {DOCUMENTS_TARGET}x (stretch {DOCUMENTS_STRETCH}x)", verdict),
            ceiling_row(floor, result.cpu_seconds, count),
            Row("  the same messages to a running service (`mailbot run`, idle), arrival to last receipt",
                f"{service:.1f} s ({service_cpu:.1f} s CPU)", f"{floor:.1f} s", f"{floor / service:.2f}x",
                verdict="info"),
            ceiling_row(floor, service_cpu, count),
            Row("  characters read by the floor", f"{characters / 1e6:.1f} M", verdict="info",
                target=f"{load_before} -> {load_note()}")]


def main() -> None:
    args = bench_args(__doc__, messages=(2000, "plain messages"), documents=(100, "messages with documents"),
                      only=("", "plain or documents (default: both)"))
    rows = []
    if args.only in ("", "plain"):
        rows += plain_rows(args.messages)
    if args.only in ("", "documents"):
        rows += documents_rows(args.documents)
    finish(rows, "Bench 10 (issue 18): each row next to its floor, measured in the same run", args.results)


if __name__ == "__main__":
    main()
