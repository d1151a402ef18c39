"""Score attribution and classification on the independent development set, through the public CLI.

    .venv/bin/python bench/attribution_devset.py [--set DIR] [--misses] [--check] [--keep DIR] [--no-corpus]

`--set DIR` scores another labelled set laid out the same way (DIR/labels.jsonl, DIR/messages/),
such as the blind held-out set tests/holdout. Builds a temporary Maildir from tests/devset/messages (and ../shared/corpus/mime, by path) with each
file's delivery time set to its label's received_at, writes a temporary config, runs
`python -m mailbot run --once` first on the EMPTY Maildir at the call's opening, then delivers the
mail a week at a time with a run after each week (`--single-run`: all at once, one run at
2020-06-01), and reads `mailbot export --format json` and the file outbox. It prints
precision and recall of states, kind accuracy, receipts to messages that must get none, resend
answers and review flags, overall and per class. A benchmark: exit 0 always, except with --check,
which exits 1 when a figure is below issue #11's targets.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
OPENING = "2019-10-15T09:00+02:00"
LATER = "2020-06-01T12:00+02:00"
TRUSTED = "mx1.itu.int"
ROBOT_KINDS = {"bounce", "delay", "delivered", "complaint", "auto_reply"}

# issue #11, "Done when"
TARGETS = {"precision": 0.995, "recall": 0.97, "kind_accuracy": 1.0, "unwanted_receipts": 0,
           "review_recall": 0.90, "flagged_share": 0.20, "resends_unanswered": 0, "second_mail_within_24h": 0}


# ---------------------------------------------------------------- labels

def load_labels(path: Path, with_corpus: bool = True) -> list[dict]:
    """The label records, one JSON object a line; corpus records only when wanted."""
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if with_corpus or not rec["file"].startswith("corpus:"):
                labels.append(rec)
    return labels


def expected_kinds(label: dict) -> set[str]:
    """The kinds that are a right answer for this label."""
    kind = label["kind"]
    return set(kind) if isinstance(kind, list) else {kind}


def instant(text: str) -> datetime:
    """An ISO 8601 time, as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# ---------------------------------------------------------------- matching the export to the labels

def match_rows(labels: list[dict], rows: list[dict]) -> dict[str, dict]:
    """label file -> export row, by receipt time (each file has its own second), else by Message-ID."""
    by_time = {instant(r["received_at"]): r for r in rows if r.get("received_at")}
    by_mid = defaultdict(list)
    for r in rows:
        if r.get("message_id"):
            by_mid[r["message_id"].strip()].append(r)
    matched = {}
    for label in labels:
        row = by_time.get(instant(label["received_at"]))
        if row is None and label.get("message_id") and len(by_mid[label["message_id"]]) == 1:
            row = by_mid[label["message_id"]][0]
        if row is not None:
            matched[label["file"]] = row
    return matched


def replies_by_message_id(outbox: list[bytes]) -> dict[str, list[str]]:
    """Message-ID of an inbound message -> subjects of the outgoing mails that answer it (In-Reply-To)."""
    answers = defaultdict(list)
    for raw in outbox:
        msg = message_from_bytes(raw, policy=policy.default)
        target = (msg.get("In-Reply-To") or "").strip()
        if target:
            answers[target].append(str(msg.get("Subject", "")))
    return answers


# ---------------------------------------------------------------- scoring

@dataclass
class Tally:
    """Counts for one class (or all of them)."""

    messages: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    kind_right: int = 0
    unwanted_receipts: int = 0
    missing_receipts: int = 0
    must_review: int = 0
    must_review_flagged: int = 0
    must_not_review_flagged: int = 0
    flagged: int = 0
    late_wrong: int = 0
    dup_wrong: int = 0
    resends: int = 0
    resends_answered: int = 0
    quick_resends: int = 0
    quick_resends_mailed: int = 0
    missing_rows: int = 0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    """All tallies and the list of misses."""

    overall: Tally = field(default_factory=Tally)
    per_class: dict[str, Tally] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)    # file, expected, got


def receipt_given(row: dict, label: dict) -> bool:
    """An acknowledgement sent or queued, other than the short answer to a resend recognised as one."""
    status = (row.get("ack") or {}).get("status")
    if status not in ("sent", "pending"):
        return False
    return not (label.get("duplicate_of") and row.get("duplicate_of"))


def score(labels: list[dict], matched: dict[str, dict], answers: dict[str, list[str]]) -> Report:
    """Compare every label with its export row and the outbox; returns the tallies and the misses."""
    report = Report()
    mid_of_file = {lab["file"]: lab.get("message_id") for lab in labels}
    ordered = sorted(labels, key=lambda lab: instant(lab["received_at"]))
    for label in ordered:
        tallies = [report.overall, report.per_class.setdefault(label["class"], Tally())]
        row = matched.get(label["file"])
        for t in tallies:
            t.messages += 1
        if row is None:
            for t in tallies:
                t.missing_rows += 1
                t.fn += len(label["states"])
            report.misses.append((label["file"], "a register row", "none"))
            continue
        _score_one(label, row, answers, mid_of_file, tallies, report.misses)
    return report


def _score_one(label, row, answers, mid_of_file, tallies, misses) -> None:
    """Add one message's outcome to its tallies, and its misses to the list."""
    file = label["file"]
    want, got = set(label["states"]), set(row.get("states") or [])
    kinds = expected_kinds(label)
    flagged = bool(row.get("needs_review"))
    receipt = receipt_given(row, label)
    mid = label.get("message_id") or (row.get("message_id") or "")
    mails = answers.get(mid, []) if mid else []
    checks = []
    if want != got:
        checks.append(("states", sorted(want), sorted(got)))
    if row.get("kind") not in kinds:
        checks.append(("kind", sorted(kinds), row.get("kind")))
    if receipt and not label["receipt_expected"]:
        checks.append(("receipt", "none", f"{row.get('reference')} ({(row.get('ack') or {}).get('status')})"))
    if label["receipt_expected"] and not receipt:
        checks.append(("receipt", "a receipt", "none"))
    if label["must_review"] is True and not flagged:
        checks.append(("needs_review", True, False))
    if label["must_review"] is False and flagged:
        checks.append(("needs_review", False, row.get("review_reasons")))
    if label.get("late") is not None and "contribution" in kinds and bool(row.get("late")) != label["late"]:
        checks.append(("late", label["late"], row.get("late")))
    dup = label.get("duplicate_of")
    if dup and (row.get("duplicate_of") or "") != (mid_of_file.get(dup) or "?"):
        checks.append(("duplicate_of", mid_of_file.get(dup), row.get("duplicate_of")))
    if dup and label.get("resend_answer_expected") and not mails:
        checks.append(("resend answer", "one short answer", "no mail"))
    if dup and not label.get("resend_answer_expected") and mails:
        checks.append(("resend answer", "no mail within 24 h", mails))
    for t in tallies:
        t.tp += len(want & got)
        t.fp += len(got - want)
        t.fn += len(want - got)
        t.kind_right += row.get("kind") in kinds
        t.unwanted_receipts += receipt and not label["receipt_expected"]
        t.missing_receipts += label["receipt_expected"] and not receipt
        t.must_review += label["must_review"] is True
        t.must_review_flagged += label["must_review"] is True and flagged
        t.must_not_review_flagged += label["must_review"] is False and flagged
        t.flagged += flagged
        t.late_wrong += any(c[0] == "late" for c in checks)
        t.dup_wrong += any(c[0] == "duplicate_of" for c in checks)
        if dup and label.get("resend_answer_expected"):
            t.resends += 1
            t.resends_answered += bool(mails)
        elif dup:
            t.quick_resends += 1
            t.quick_resends_mailed += bool(mails)
    for what, expected, got_value in checks:
        misses.append((file, f"{what}={expected}", str(got_value)))


# ---------------------------------------------------------------- printing

HEADER = ("class", "msgs", "prec", "recall", "kinds", "receipt!", "no rcpt", "review", "flagged", "late!",
          "dup!", "resend")


def _row(name: str, t: Tally) -> tuple:
    review = f"{t.must_review_flagged}/{t.must_review}" if t.must_review else "-"
    resend = f"{t.resends_answered}/{t.resends}" if t.resends else "-"
    if t.quick_resends:
        resend += f" ({t.quick_resends_mailed}/{t.quick_resends} <24h mailed)"
    return (name, t.messages, f"{t.precision():.3f}", f"{t.recall():.3f}", f"{t.kind_right}/{t.messages}",
            t.unwanted_receipts, t.missing_receipts, review,
            f"{t.flagged} ({t.flagged / max(t.messages, 1):.0%})",
            t.late_wrong, t.dup_wrong, resend)


def format_report(report: Report, show_misses: bool = False) -> str:
    """The figures as a plain-text table, the overall line last; the misses after it when asked."""
    rows = [_row(name, report.per_class[name]) for name in sorted(report.per_class)]
    rows.append(_row("ALL", report.overall))
    widths = [max(len(str(r[i])) for r in rows + [HEADER]) for i in range(len(HEADER))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(r, widths)) for r in [HEADER] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append("receipt! = receipt to a message that must get none; no rcpt = receipt missing; "
                 "review = must-review cases flagged;\nlate!/dup! = late or duplicate_of wrong; "
                 "resend = answered resends (>= 24 h).")
    if show_misses:
        lines.append("")
        lines.append(f"misses ({len(report.misses)}):")
        lines += [f"  {f}: expected {e}, got {g}" for f, e, g in report.misses]
    return "\n".join(lines)


def shortfalls(report: Report) -> list[str]:
    """The issue's targets this report does not reach, in words."""
    t = report.overall
    out = []
    if t.precision() < TARGETS["precision"]:
        out.append(f"precision {t.precision():.3f} < {TARGETS['precision']}")
    if t.recall() < TARGETS["recall"]:
        out.append(f"recall {t.recall():.3f} < {TARGETS['recall']}")
    if t.kind_right < t.messages:
        out.append(f"kinds {t.kind_right}/{t.messages}")
    if t.unwanted_receipts > TARGETS["unwanted_receipts"]:
        out.append(f"{t.unwanted_receipts} receipts to messages that must get none")
    if t.must_review and t.must_review_flagged / t.must_review < TARGETS["review_recall"]:
        out.append(f"must-review flagged {t.must_review_flagged}/{t.must_review}")
    if t.messages and t.flagged / t.messages > TARGETS["flagged_share"]:
        out.append(f"{t.flagged / t.messages:.0%} of mail flagged > 20%")
    if t.resends_answered < t.resends:
        out.append(f"resends answered {t.resends_answered}/{t.resends}")
    if t.quick_resends_mailed:
        out.append(f"{t.quick_resends_mailed} resends within 24 h got a second mail")
    return out


# ---------------------------------------------------------------- running the CLI

def corpus_dir() -> Path | None:
    """The shared real-world corpus, or None where it is absent."""
    env = os.environ.get("MAILBOT_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if (path / "mime").is_dir() else None


def source_file(label: dict, corpus: Path | None, messages: Path = DEVSET / "messages") -> Path | None:
    """Where a label's message lives: the set's own folder, or the shared corpus."""
    if label["file"].startswith("corpus:"):
        return corpus / label["file"].split(":", 1)[1] if corpus else None
    return messages / label["file"]


def build_maildir(labels: list[dict], corpus: Path | None, maildir: Path, first: int = 0,
                  messages: Path = DEVSET / "messages") -> list[dict]:
    """Copy each message into maildir/new with its receipt time as the file's time; returns those used."""
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    used = []
    for n, label in enumerate(labels, start=first):
        src = source_file(label, corpus, messages)
        if src is None or not src.is_file():
            continue
        ts = instant(label["received_at"]).timestamp()
        # Maildir names start with the delivery time (readers take it from there or from the file's time)
        dest = maildir / "new" / f"{int(ts)}.M{n:04d}P1.devset"
        shutil.copyfile(src, dest)
        os.utime(dest, (ts, ts))
        used.append(label)
    return used


def weekly_batches(labels: list[dict], days: int = 7) -> list[tuple[str, list[dict]]]:
    """The labels in receipt order, cut into batches of `days`; each with the instant to run at after it."""
    ordered = sorted(labels, key=lambda lab: instant(lab["received_at"]))
    batches: list[tuple[str, list[dict]]] = []
    start = None
    for label in ordered:
        at = instant(label["received_at"])
        if start is None or (at - start).days >= days:
            start = at
            batches.append(("", []))
        batches[-1][1].append(label)
    return [((instant(b[-1]["received_at"]) + timedelta(hours=1)).isoformat(timespec="minutes"), b)
            for _, b in batches]


def write_config(tmp: Path, maildir: Path) -> Path:
    """A config for this run: temp state, the Maildir, file outbox, the set's trusted authserv-id."""
    cfg = tmp / "mailbot.toml"
    cfg.write_text(
        f'[state]\ndir = "{tmp / "state"}"\n\n[maildir]\npath = "{maildir}"\n\n'
        f'[consultation]\nfile = "{ROOT / "data" / "consultations" / "gca-2020.toml"}"\n\n'
        f'[rules]\ndir = "{ROOT / "rules"}"\n\n'
        f'[attribution]\ntrusted_authserv_id = "{TRUSTED}"\n', encoding="utf-8")
    return cfg


def mailbot(cfg: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the checkout's CLI with this config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    return subprocess.run([sys.executable, "-m", "mailbot", "--config", str(cfg), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


def run_set(labels: list[dict], corpus: Path | None, tmp: Path, single: bool = False,
            messages: Path = DEVSET / "messages") -> tuple[list[dict], list[bytes], list[dict]]:
    """Run the CLI over the set; returns (export rows, outbox mails, labels actually used).

    By default the mail arrives as it would: a week's mail at a time, each batch followed by a run
    one hour after its last message (so a burst guard or first-contact hold sees a live inbox, and a
    resend days later comes in a later poll). `single` puts everything in one poll at 2020-06-01.
    """
    maildir = tmp / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    cfg = write_config(tmp, maildir)
    _run(cfg, OPENING)
    used: list[dict] = []
    batches = [(LATER, labels)] if single else weekly_batches(labels)
    for now, batch in batches:
        used += build_maildir(batch, corpus, maildir, first=len(used), messages=messages)
        _run(cfg, now)
    if not single:
        _run(cfg, LATER)
    exported = mailbot(cfg, "export", "--format", "json")
    rows = json.loads(exported.stdout or "[]")
    outbox_dir = tmp / "state" / "outbox"
    outbox = [p.read_bytes() for p in sorted(outbox_dir.rglob("*.eml"))] if outbox_dir.is_dir() else []
    return rows, outbox, used


def _run(cfg: Path, now: str) -> None:
    """One `run --once` at `now`; a failure is reported, and the bench goes on."""
    done = mailbot(cfg, "run", "--once", "--now", now)
    if done.returncode != 0:
        print(f"run --once --now {now} exited {done.returncode}: {done.stderr.strip()[-500:]}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=DEVSET, dest="set_dir", metavar="DIR",
                        help="the labelled set: DIR/labels.jsonl and DIR/messages/ (default tests/devset)")
    parser.add_argument("--labels", type=Path, help="the labels file (default DIR/labels.jsonl)")
    parser.add_argument("--misses", action="store_true", help="list every miss: file, expected, got")
    parser.add_argument("--check", action="store_true", help="exit 1 when below issue #11's targets")
    parser.add_argument("--keep", type=Path, help="run in this folder and keep it (state, outbox, Maildir)")
    parser.add_argument("--no-corpus", action="store_true", help="leave out ../shared/corpus/mime")
    parser.add_argument("--single-run", action="store_true",
                        help="deliver everything at once and run once at 2020-06-01 (default: a week at a time)")
    args = parser.parse_args(argv)
    messages = args.set_dir / "messages"
    labels_path = args.labels or args.set_dir / "labels.jsonl"
    if not labels_path.is_file() or not messages.is_dir():
        parser.error(f"--set {args.set_dir}: needs {labels_path} and the folder {messages}")
    labels = load_labels(labels_path, with_corpus=not args.no_corpus)
    corpus = None if args.no_corpus else corpus_dir()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows, outbox, used = run_set(labels, corpus, args.keep, args.single_run, messages)
    else:
        with tempfile.TemporaryDirectory(prefix="devset-") as tmp:
            rows, outbox, used = run_set(labels, corpus, Path(tmp), args.single_run, messages)
    report = score(used, match_rows(used, rows), replies_by_message_id(outbox))
    print(f"{labels_path.parent.name} set: {len(used)} messages ({len(labels) - len(used)} unavailable), "
          f"{len(rows)} register rows, {len(outbox)} outgoing mails")
    print(format_report(report, args.misses))
    missing = shortfalls(report)
    print("\nbelow issue #11's targets: " + ("; ".join(missing) if missing else "none"))
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
