"""Dump every decision the parser and the attribution make on the labelled sets, to prove a speed-up changed none.

    .venv/bin/python bench/attribution_snapshot.py --out /tmp/before.jsonl
    .venv/bin/python bench/attribution_snapshot.py --out /tmp/after.jsonl --compare /tmp/before.jsonl

Three parts, one JSON object a line each:
- `parse`: every .eml of tests/devset, tests/holdout, ../shared/corpus/mime and 300 generated plain
  messages (bench/mailgen), parsed with parsers.message.parse_message: the whole ParsedMessage,
  attachments' bytes as their sha256;
- `register`: tests/devset and tests/holdout run through the CLI exactly as bench/attribution_devset.py
  runs them (a week's mail at a time), then every register row: kind and its reason, states, category,
  confidence, review flag and reasons, forwarded, language, duplicate/revision, the acknowledgement
  decision and the whole trail (stage, rule, detail, weight, states);
- the same register rows for the 300 generated plain messages, in one run.
With --compare, prints each line that differs (by key) and exits 1 when any does. A benchmark
helper, not a test: it takes a few minutes.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import attribution_devset as devset  # noqa: E402
from bench.mailgen import plain_message  # noqa: E402
from parsers.errors import ParseError  # noqa: E402
from parsers.message import parse_message  # noqa: E402

SETS = (ROOT / "tests" / "devset", ROOT / "tests" / "holdout")
PLAIN = 300
ROW_FIELDS = ("received_at", "message_id", "raw_sha256", "kind", "kind_reason", "language", "states", "category",
              "confidence", "needs_review", "review_reasons", "forwarded", "duplicate_of", "revision_of",
              "late", "ack_suppressed_reason", "ack_decision", "rules_version", "trail", "status", "error_text")
# Receipt numbers follow the order of the commits, which varies from run to run within a poll (documents
# come back from the extraction workers as they finish): the same code gave "GCA-2020-0116" and "-0118".
RECEIPT_RE = re.compile(r"\b[A-Z][A-Z0-9]*-\d{4}-\d{3,6}\b")


def plain_raws() -> list[bytes]:
    """The speed bench's plain messages (same generator and seed as bench/profile_run.py)."""
    rng = random.Random(7)
    return [plain_message(number, rng) for number in range(PLAIN)]


def plain_value(value):
    """A parsed value as JSON: dataclasses as dicts, bytes as their sha256, times as ISO text."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (bytes, bytearray)):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def parse_lines() -> list[dict]:
    """One line per message file (and generated plain message): its ParsedMessage, or the ParseError."""
    files = [p for base in SETS for p in sorted((base / "messages").glob("*.eml"))]
    corpus = devset.corpus_dir()
    if corpus is not None:
        files += sorted((corpus / "mime").rglob("*.eml"))
    named = [(str(p.relative_to(p.parents[1])), p.read_bytes()) for p in files]
    named += [(f"plain-{n:04d}", raw) for n, raw in enumerate(plain_raws())]
    out = []
    for name, raw in named:
        try:
            value = plain_value(parse_message(raw))
        except ParseError as err:
            value = f"ParseError: {err}"
        out.append({"part": "parse", "key": name, "value": value})
    return out


def register_rows(state: Path) -> list[dict]:
    """The register's messages, ordered by receipt time and raw bytes."""
    db = sqlite3.connect(state / "register.sqlite3")
    db.row_factory = sqlite3.Row
    rows = db.execute(f"SELECT {', '.join(ROW_FIELDS)} FROM message ORDER BY received_at, raw_sha256").fetchall()
    db.close()
    out = []
    for row in rows:
        value = {name: row[name] for name in ROW_FIELDS}
        for name in ("states", "review_reasons", "trail"):
            value[name] = json.loads(value[name]) if value[name] else value[name]
        value["ack_decision"] = RECEIPT_RE.sub("<receipt>", value["ack_decision"] or "")
        for hit in value["trail"] or ():
            hit["detail"] = RECEIPT_RE.sub("<receipt>", hit["detail"])
        out.append(value)
    return out


def set_lines(set_dir: Path, tmp: Path) -> list[dict]:
    """The register after running a labelled set through the CLI, as bench/attribution_devset.py does."""
    labels = devset.load_labels(set_dir / "labels.jsonl")
    devset.run_set(labels, devset.corpus_dir(), tmp, messages=set_dir / "messages")
    return [{"part": f"register:{set_dir.name}", "key": f"{r['received_at']} {r['raw_sha256'][:16]}", "value": r}
            for r in register_rows(tmp / "state")]


def plain_lines(tmp: Path) -> list[dict]:
    """The register after one run over the generated plain messages."""
    maildir = tmp / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    for n, raw in enumerate(plain_raws()):
        dest = maildir / "new" / f"{1580000000 + n}.M{n:04d}P1.plain"
        dest.write_bytes(raw)
        os.utime(dest, (1580000000 + n, 1580000000 + n))
    cfg = devset.write_config(tmp, maildir)
    devset._run(cfg, devset.LATER)
    return [{"part": "register:plain", "key": f"{r['received_at']} {r['raw_sha256'][:16]}", "value": r}
            for r in register_rows(tmp / "state")]


def compare(lines: list[dict], before_path: Path) -> int:
    """Print what differs from the earlier dump; the number of differing keys."""
    before = {(d["part"], d["key"]): d["value"] for d in map(json.loads, before_path.read_text().splitlines())}
    after = {(d["part"], d["key"]): d["value"] for d in lines}
    parts = {key[0] for key in after}
    before = {key: value for key, value in before.items() if key[0] in parts}   # --parse-only: parse lines only
    differing = 0
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        differing += 1
        print(f"DIFF {key[0]} {key[1]}")
        if isinstance(old, dict) and isinstance(new, dict):
            for name in sorted(old.keys() | new.keys()):
                if old.get(name) != new.get(name):
                    print(f"  {name}:\n    before {json.dumps(old.get(name), ensure_ascii=False)[:2000]}\n"
                          f"    after  {json.dumps(new.get(name), ensure_ascii=False)[:2000]}")
        else:
            print(f"  before {json.dumps(old, ensure_ascii=False)[:2000]}\n  after  {json.dumps(new, ensure_ascii=False)[:2000]}")
    print(f"{len(after)} lines ({', '.join(f'{p} {sum(1 for k in after if k[0] == p)}' for p in sorted(parts))}); "
          f"{differing} differ from {before_path}")
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="write the dump here (keep it outside the repo)")
    parser.add_argument("--compare", type=Path, help="an earlier dump: print the differences, exit 1 when any")
    parser.add_argument("--parse-only", action="store_true", help="only the parser's part (seconds, not minutes)")
    args = parser.parse_args(argv)
    lines = parse_lines()
    if not args.parse_only:
        for set_dir in SETS:
            with tempfile.TemporaryDirectory(prefix=f"snapshot-{set_dir.name}-") as tmp:
                lines += set_lines(set_dir, Path(tmp))
        with tempfile.TemporaryDirectory(prefix="snapshot-plain-") as tmp:
            lines += plain_lines(Path(tmp))
    args.out.write_text("".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n" for d in lines),
                        encoding="utf-8")
    if args.compare:
        return 1 if compare(lines, args.compare) else 0
    print(f"{len(lines)} lines written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
