"""Bench 5: peak RSS of the whole `mailbot run --once` process tree while it ingests one message
carrying a 25 MB attachment (a PDF whose bulk is an embedded image, and a 25 MB .docx)."""
from __future__ import annotations

import io
import random
import subprocess
import sys
import time
import zipfile
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (REPO_ROOT, PeakRss, Row, bench_args, env_for, finish, load_note,  # noqa: E402
                          mailbot_cmd, servers, state_dir)
from bench.mailgen import DOCX_TYPE, docx_bytes, envelope, pdf_bytes  # noqa: E402

TARGET_MB = 400
MB = 1024 * 1024


def big_docx(rng: random.Random, size: int) -> bytes:
    """A 10-page .docx with a `size`-byte image inside (stored: random bytes do not compress)."""
    base = zipfile.ZipFile(io.BytesIO(docx_bytes(10, rng)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in base.namelist():
            archive.writestr(name, base.read(name))
        archive.writestr("word/media/image1.jpeg", rng.randbytes(size), compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def message_with(kind: str, size: int) -> bytes:
    rng = random.Random(size)
    mail: EmailMessage = envelope(1, "Dear colleagues,\n\nOur contribution, with its annexes.\n", f"big{kind}")
    if kind == "pdf":
        mail.add_attachment(pdf_bytes(5, rng, image_bytes=size), maintype="application", subtype="pdf",
                            filename="contribution-with-scans.pdf")
    else:
        mail.add_attachment(big_docx(rng, size), maintype="application", subtype=DOCX_TYPE.split("/")[1],
                            filename="contribution-with-photos.docx")
    return bytes(mail)


def peak_of_run(env: dict[str, str]) -> tuple[int, float, str, int]:
    process = subprocess.Popen(mailbot_cmd("run", "--once"), env=env, cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    start = time.perf_counter()
    with PeakRss(process.pid, with_pss=True) as sampler:
        out, err = process.communicate(timeout=600)
    if process.returncode != 0:
        raise RuntimeError(f"mailbot exited {process.returncode}: {err.decode()[-2000:]}")
    return sampler.peak, time.perf_counter() - start, sampler.breakdown(), sampler.peak_pss


def measure(size_mb: int) -> list[Row]:
    rows = []
    with servers() as (dovecot, sink):
        for kind in ("pdf", "docx"):
            account = dovecot.new_user(f"mem{kind}")
            raw = message_with(kind, size_mb * MB)
            account.append("INBOX", raw)
            env = env_for(state_dir(f"memory-{kind}"), account, sink)
            peak, seconds, breakdown, pss = peak_of_run(env)
            acked = len(sink.wait_for(len(rows) + 1, timeout=10)) > len(rows)
            rows.append(Row.judged(f"5 memory, {size_mb} MB {kind} ({len(raw) / MB:.0f} MB message)",
                                   f"{peak / MB:.0f} MB peak RSS (tree), {pss / MB:.0f} MB PSS, {seconds:.1f} s",
                                   breakdown, "-", f"< {TARGET_MB} MB", peak < TARGET_MB * MB and acked))
    rows.append(Row("  note", "sampled every 10 ms over mailbot and its workers; the verdict is on summed RSS, "
                    "which counts the fork server's shared pages once per worker (PSS splits them)", verdict="info",
                    target=load_note()))
    return rows


def main() -> None:
    args = bench_args(__doc__, size_mb=(25, "attachment size in MB"))
    finish(measure(args.size_mb), "Bench 5: peak RSS while ingesting a 25 MB attachment", args.results)


if __name__ == "__main__":
    main()
