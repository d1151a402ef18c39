"""Bench 4: `mailbot run --once` with nothing new, interpreter start included; wall and import time."""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (Row, bench_args, env_for, fill_maildir, finish, load_note,  # noqa: E402
                          mailbot_cmd, median, run_timed, servers, state_dir)
from bench.mailgen import plain_message  # noqa: E402

TARGET_SECONDS = 1.5
IMPORT_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def import_profile(stderr: str) -> tuple[float, list[tuple[float, str]]]:
    """(total import seconds, heaviest top-level imports) from `python -X importtime` output."""
    top: list[tuple[float, str]] = []
    for match in IMPORT_LINE.finditer(stderr):
        cumulative, indent, name = int(match.group(2)), len(match.group(3)), match.group(4)
        if indent == 1:               # a module imported directly, not by another import
            top.append((cumulative / 1e6, name))
    return sum(seconds for seconds, _ in top), sorted(top, reverse=True)


def heavy_modules(stderr: str, names: tuple[str, ...]) -> list[str]:
    """Which of these heavy packages were imported at all."""
    loaded = {match.group(4).split(".")[0] for match in IMPORT_LINE.finditer(stderr)}
    return [name for name in names if name in loaded]


def measure(runs: int) -> list[Row]:
    rng = random.Random(4)
    with servers() as (dovecot, sink):
        account = dovecot.new_user("startup")
        fill_maildir(dovecot, account, [plain_message(number, rng) for number in range(100)])
        env = env_for(state_dir("startup"), account, sink)
        run_timed(mailbot_cmd("run", "--once"), env)            # ingest once: afterwards nothing is new
        walls = [run_timed(mailbot_cmd("run", "--once"), env)[0] for _ in range(runs)]
        bare = [run_timed([sys.executable, "-c", "pass"], env)[0] for _ in range(runs)]
        _seconds, traced = run_timed([sys.executable, "-X", "importtime", "-m", "mailbot", "run", "--once"], env)
    imports, heaviest = import_profile(traced.stderr)
    wall = median(walls)
    heavy = heavy_modules(traced.stderr, ("pdfminer", "docx", "langdetect", "jinja2", "babel", "rich",
                                          "apscheduler", "mailparser", "extract_msg", "dkim", "pydantic",
                                          "sqlalchemy", "sqlmodel", "alembic", "typer", "imapclient"))
    rows = [
        Row.judged("4 start-up, nothing new (run --once)", f"{wall:.2f} s wall (median of {runs})",
                   f"{median(bare):.2f} s (python -c pass)", f"{wall / median(bare):.1f}x",
                   f"< {TARGET_SECONDS} s", wall < TARGET_SECONDS),
        Row("  import time (-X importtime)", f"{imports:.2f} s", verdict="info", target=load_note()),
        Row("  heaviest imports", ", ".join(f"{name} {seconds:.2f}" for seconds, name in heaviest[:5]),
            verdict="info"),
        Row("  heavy packages loaded", " ".join(heavy) or "none", verdict="info"),
    ]
    return rows


def main() -> None:
    args = bench_args(__doc__, runs=(5, "timed runs"))
    finish(measure(args.runs), __doc__, args.results)


if __name__ == "__main__":
    main()
