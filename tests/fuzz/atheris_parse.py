"""Coverage-guided fuzzing of parse + classify + the acknowledgement decision with atheris (libFuzzer).

Not a test and not a test dependency: install atheris yourself (`pip install atheris`), then

    python tests/fuzz/atheris_parse.py -max_total_time=300 [-seed_corpus=DIR] [libFuzzer options]

Seeds are the messages of the shared corpus (../shared/corpus/mime, or MAILBOT_CORPUS) plus the
generated golden messages. An input is a failure when any exception other than ParseError escapes,
or when a decoded header comes out with a line break; add -timeout=S to count an input slower than S
seconds as a failure (bounded time). libFuzzer prints the inputs run (`Done N runs`);
crashing inputs are written as crash-<sha1> files in the working folder, for a regression test.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

import atheris  # noqa: E402

with atheris.instrument_imports():
    from parsers.errors import ParseError
    from mailbot.kinds import KINDS
    from mailbot.pipeline.classify import ack_allowed, bounce_details, classify
    from parsers.message import parse_message

def check(data: bytes) -> None:
    try:
        parsed = parse_message(data)
    except ParseError:
        return
    for value in (parsed.subject, parsed.from_header, *(address.name for address in parsed.from_addresses)):
        if "\r" in value or "\n" in value:
            raise AssertionError(f"line break in a decoded header: {value[:80]!r}")
    kind, reason, _trail = classify(parsed, our_domain="mailbot.itu.int", loop_header="X-Mailbot-Loop",
                                    our_addresses=("contributions@itu.int",))
    if kind not in KINDS or not reason:
        raise AssertionError(f"unknown kind {kind!r} or no reason")
    allowed, why = ack_allowed(parsed, kind)
    if not allowed and not why:
        raise AssertionError("an acknowledgement refused without a reason")
    bounce_details(parsed)


def seed_folder() -> str:
    """A temporary folder of seeds: corpus messages and golden messages, by copy of their bytes."""
    corpus = Path(os.environ.get("MAILBOT_CORPUS", REPO_ROOT.parent / "shared" / "corpus")) / "mime"
    golden = REPO_ROOT / "tests" / "messages"
    folder = Path(tempfile.mkdtemp(prefix="mailbot-fuzz-seeds-"))
    sources = [*sorted(corpus.glob("*.eml")), *sorted(golden.glob("**/*.eml"))]
    for number, path in enumerate(sources):
        if path.stat().st_size < 200_000:
            (folder / f"seed{number:04d}").write_bytes(path.read_bytes())
    return str(folder)


def main() -> None:
    args = list(sys.argv)
    if not any(not arg.startswith("-") for arg in args[1:]):
        args.append(seed_folder())       # libFuzzer reads seeds from (and adds finds to) this folder
    if not any(arg.startswith("-max_len") for arg in args):
        args.append("-max_len=200000")
    atheris.Setup(args, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
