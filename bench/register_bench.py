"""Bench 7: a register of 100,000 messages: export, status, the digest and search each under 2 s
(commands run as a user would, interpreter start included); database size per message."""
from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (Row, bench_args, env_for, finish, load_note, mailbot_cmd, run_timed,  # noqa: E402
                          state_dir)
from bench.register_fill import fill_rich, open_register  # noqa: E402

TARGET_SECONDS = 2.0
DIGEST_NOW = "2020-01-21T07:00:00+01:00"
SEARCH_WORDS = "capacity building"


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def cli_has(env: dict[str, str], *words: str) -> bool:
    """Whether `mailbot WORDS --help` exists on this branch."""
    try:
        run_timed(mailbot_cmd(*words, "--help"), env, timeout=60)
        return True
    except RuntimeError:
        return False


def timed_command(name: str, command: list[str], env: dict[str, str], check=None) -> Row:
    seconds, result = run_timed(command, env)
    note = check(result) if check else ""
    return Row.judged(f"7 {name}", f"{seconds:.2f} s{note}", "-", "-", f"< {TARGET_SECONDS:g} s",
                      seconds < TARGET_SECONDS)


def search_row(env: dict[str, str], state: Path) -> Row:
    if cli_has(env, "search"):
        return timed_command(f"search {SEARCH_WORDS!r}", mailbot_cmd("search", SEARCH_WORDS), env)
    if not has_module("mailbot.extraction.search"):
        return Row("7 search", "mailbot.extraction.search not on this branch", verdict="pending")
    code = ("import sys, time; from mailbot.store.db import open_engine; from sqlmodel import Session; "
            "from mailbot.extraction.search import search; engine = open_engine(sys.argv[1]); "
            "start = time.perf_counter(); hits = search(Session(engine), sys.argv[2]); "
            "print(len(hits), time.perf_counter() - start)")
    seconds, result = run_timed([sys.executable, "-c", code, str(state), SEARCH_WORDS], env)
    hits, query_seconds = result.stdout.split()
    return Row.judged(f"7 search {SEARCH_WORDS!r} (no CLI yet: python -c)",
                      f"{seconds:.2f} s ({hits} hits, query {float(query_seconds) * 1000:.0f} ms)", "-", "-",
                      f"< {TARGET_SECONDS:g} s", seconds < TARGET_SECONDS)


def digest_row(env: dict[str, str], state: Path) -> Row:
    if not has_module("mailbot.correspondence"):
        return Row("7 digest", "mailbot.correspondence not on this branch", verdict="pending")
    if not cli_has(env, "preview", "digest"):
        return Row("7 digest", "no `mailbot preview digest` command on this branch", verdict="pending")
    return timed_command("digest (preview digest)", mailbot_cmd("preview", "digest", "--now", DIGEST_NOW,
                                                                "--out", str(state / "preview")), env)


def measure(count: int) -> list[Row]:
    state = state_dir("register")
    engine = open_register(state)
    start = time.perf_counter()
    figures = fill_rich(engine, count)
    filled = time.perf_counter() - start
    engine.dispose()
    env = env_for(state, None, None)
    db_bytes = sum(path.stat().st_size for path in state.glob("register.sqlite3*"))
    out = state / "export.json"
    rows = [
        timed_command(f"export json, {count:,} messages", mailbot_cmd("export", "--format", "json", "-o", str(out)),
                      env, check=lambda _r: f" ({out.stat().st_size / 1e6:.0f} MB)"),
        timed_command("export csv", mailbot_cmd("export", "--format", "csv", "-o", str(state / "export.csv")), env),
        timed_command("status --json", mailbot_cmd("status", "--json"), env),
        digest_row(env, state),
        search_row(env, state),
        Row("  database size", f"{db_bytes / 1e6:.0f} MB, {db_bytes / count / 1024:.1f} KiB per message",
            verdict="info",
            target=f"filled in {filled:.0f} s: {figures['contributions']:,} contributions, {figures['acks']:,} acks"),
        Row("  note", "register written in bulk through the models' tables", verdict="info", target=load_note()),
    ]
    return rows


def main() -> None:
    args = bench_args(__doc__, messages=(100_000, "registered messages"))
    finish(measure(args.messages), "Bench 7: register at scale", args.results)


if __name__ == "__main__":
    main()
