"""Bench 2: ingest N messages carrying Word and PDF documents (2-60 pages) with `mailbot run --once`,
against a plain sequential script: imapclient fetch + mail-parser + pdfminer.six / python-docx."""
from __future__ import annotations

import base64
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (Row, bench_args, env_for, fetch_parsed, fill_maildir, finish, load_note,  # noqa: E402
                          mailbot_cmd, run_timed, servers, state_dir)
from bench.mailgen import document_message  # noqa: E402

TARGET = 1.7
PDF_SHARE = 0.25          # Word is the usual format of contributions; PDF pages cost most


def generate(count: int) -> tuple[list[bytes], dict[str, int]]:
    rng = random.Random(2020)
    raws, mix = [], {"docx": 0, "pdf": 0, "pages": 0}
    for number in range(count):
        kind = "pdf" if rng.random() < PDF_SHARE else "docx"
        pages = rng.randint(2, 60)
        raws.append(document_message(number, rng, kind, pages))
        mix[kind] += 1
        mix["pages"] += pages
    return raws, mix


def extract_plainly(data: bytes, content_type: str, filename: str) -> str:
    if content_type == "application/pdf" or filename.endswith(".pdf"):
        from pdfminer.high_level import extract_text

        return extract_text(io.BytesIO(data))
    import docx

    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


def floor_seconds(account, batch_size: int = 100) -> tuple[float, int, float]:
    """The plain sequential script: fetch, parse with mail-parser, extract every document in turn."""
    start, cpu_start = time.perf_counter(), time.process_time()
    characters = 0
    for mail in fetch_parsed(account, batch_size):
        for attachment in mail.attachments:
            payload = attachment["payload"]
            data = base64.b64decode(payload) if attachment.get("binary") else payload.encode()
            characters += len(extract_plainly(data, attachment.get("mail_content_type", ""),
                                              attachment.get("filename") or ""))
    return time.perf_counter() - start, characters, time.process_time() - cpu_start


def extractor_in_use() -> str:
    from parsers.documents import pdf_poppler

    reader = "PDF text by pdftotext" if pdf_poppler.available() else "pdftotext absent: PDFs by pdfminer.six"
    return f"worker pool (mailbot.extraction.pool), {os.cpu_count()} cores; {reader}"


def run_mailbot(account, sink, already_sent: int, count: int, **settings) -> tuple[float, object]:
    """`mailbot run --once` on a fresh state folder (the mailbox keeps its messages): every one is new."""
    env = env_for(state_dir("documents"), account, sink, **settings)
    seconds, result = run_timed(mailbot_cmd("run", "--once"), env, timeout=1800)
    sent = sink.wait_for(already_sent + count, timeout=10)
    if len(sent) < already_sent + count:
        raise RuntimeError(f"only {len(sent) - already_sent} of {count} acknowledged:\n"
                           f"{result.stdout[-2000:]}")
    return seconds, result


def measure(count: int) -> list[Row]:
    raws, mix = generate(count)
    with servers() as (dovecot, sink):
        account = dovecot.new_user("docs")
        fill_maildir(dovecot, account, raws)
        floor, characters, floor_cpu = floor_seconds(account)
        seconds, result = run_mailbot(account, sink, 0, count)
        # The same run with pdfminer.six reading the PDFs, as the floor does: what the pool alone gains.
        same_reader, same_result = run_mailbot(account, sink, count, count,
                                               MAILBOT_EXTRACT_PDF_ENGINE="pdfminer")
    speedup, same_speedup = floor / seconds, floor / same_reader
    return [
        Row.judged(f"2 ingest {count} with documents (run --once)", f"{count / seconds:.1f} msg/s ({seconds:.0f} s)",
                   f"{count / floor:.1f} msg/s ({floor:.0f} s, sequential)", f"{speedup:.2f}x",
                   f">= {TARGET}x", speedup >= TARGET),
        Row("  CPU seconds", f"{result.cpu_seconds:.0f} s (mailbot and its workers)", f"{floor_cpu:.0f} s",
            f"{floor_cpu / result.cpu_seconds:.2f}x", verdict="info", target=result.cpu_how),
        Row("  same, PDFs read by pdfminer.six as in the floor",
            f"{count / same_reader:.1f} msg/s ({same_reader:.0f} s, {same_result.cpu_seconds:.0f} s CPU)", f"{count / floor:.1f} msg/s", f"{same_speedup:.2f}x",
            f">= {TARGET}x", "pass" if same_speedup >= TARGET else "FAIL"),
        Row("  mix", f"{mix['docx']} docx + {mix['pdf']} PDF, {mix['pages'] / count:.0f} pages on average",
            verdict="info", target=load_note()),
        Row("  extractor", extractor_in_use(), verdict="info", target=f"floor read {characters / 1e6:.1f} M chars"),
    ]


def main() -> None:
    args = bench_args(__doc__, messages=(1000, "messages with one document each"))
    finish(measure(args.messages), "Bench 2: ingest with documents", args.results)


if __name__ == "__main__":
    main()
