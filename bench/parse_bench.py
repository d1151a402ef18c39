"""Parse-stage figures: the shared corpus and the hostile sizes of guide item 21 (prints, never asserts)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from parsers.errors import ParseError  # noqa: E402
from parsers.message import parse_message  # noqa: E402

HEAD = b"From: Sender <sender@mfa.gov.xx>\r\nSubject: bench\r\nMIME-Version: 1.0\r\n"


def hostile_inputs() -> dict[str, bytes]:
    nested = b"".join(b'Content-Type: multipart/mixed; boundary="n%d"\r\n\r\n--n%d\r\n' % (i, i) for i in range(10_000))
    wide = b"".join(b"--w\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(10_000))
    recipients = b", ".join(b"user%d <user%d@example.org>" % (i, i) for i in range(20_000))
    sections = b";\r\n ".join(b"filename*%d*=%s%%D0%%90" % (i, b"utf-8''" if i == 0 else b"") for i in range(1000))
    return {
        "10,000 nested multiparts": HEAD + nested + b"Content-Type: text/plain\r\n\r\nx\r\n",
        "10,000 sibling parts": HEAD + b'Content-Type: multipart/mixed; boundary="w"\r\n\r\n' + wide + b"--w--\r\n",
        "1.5 MB header": HEAD + b"X-Junk: " + b"a" * 1_500_000 + b"\r\n\r\nbody\r\n",
        "20,000 recipients": HEAD + b"To: " + recipients + b"\r\n\r\nbody\r\n",
        "1,000 RFC 2231 sections": HEAD + b'Content-Type: multipart/mixed; boundary="s"\r\n\r\n--s\r\n'
        b"Content-Disposition: attachment; " + sections + b"\r\n\r\n%PDF-1.4\r\n--s--\r\n",
    }


def timed(raw: bytes) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        parsed = parse_message(raw)
        outcome = f"{len(parsed.attachments)} attachments, {len(parsed.defects)} defects"
    except ParseError as err:
        outcome = f"ParseError: {err}"
    return time.perf_counter() - start, outcome


def main() -> None:
    for name, raw in hostile_inputs().items():
        seconds, outcome = timed(raw)
        print(f"{name:28} {len(raw):>10} bytes {seconds * 1000:8.1f} ms  {outcome}")
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "mime"
    files = sorted(corpus.glob("*.eml"))
    if files:
        total = sum(timed(path.read_bytes())[0] for path in files)
        print(f"shared corpus: {len(files)} messages in {total:.2f} s ({total / len(files) * 1000:.1f} ms each)")


if __name__ == "__main__":
    main()
