"""What the benchmarks share: servers on loopback, a mailbox filled fast, timing, RSS, the table."""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.e2e.mailbox import mailbot_env  # noqa: E402
from tests.servers import Dovecot, SmtpSink  # noqa: E402


@dataclass
class Row:
    """One line of a benchmark table."""

    bench: str
    figure: str
    floor: str = "-"
    ratio: str = "-"
    target: str = "-"
    verdict: str = "-"          # pass | FAIL | info | pending

    @staticmethod
    def judged(bench: str, figure: str, floor: str, ratio: str, target: str, ok: bool) -> "Row":
        return Row(bench, figure, floor, ratio, target, "pass" if ok else "FAIL")


def print_table(rows: list[Row], title: str = "") -> None:
    headers = ("benchmark", "figure", "floor", "ratio", "target", "result")
    cells = [headers] + [(r.bench, r.figure, r.floor, r.ratio, r.target, r.verdict) for r in rows]
    widths = [max(len(str(line[col])) for line in cells) for col in range(len(headers))]
    if title:
        print(f"\n{title}")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in cells[1:]:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(line, widths)) + " |")
    sys.stdout.flush()


def bench_args(description: str, **extra) -> argparse.Namespace:
    """Common options: --results FILE (append JSON rows for run_all.sh), plus per-bench knobs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--results", help="append the rows as JSON lines to this file")
    for name, (default, help_text) in extra.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(default), default=default, help=help_text)
    return parser.parse_args()


def finish(rows: list[Row], title: str, results: str | None) -> None:
    print_table(rows, title)
    if results:
        with open(results, "a", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(asdict(row)) + "\n")


# ---- servers ------------------------------------------------------------------------------------

@contextmanager
def servers(timed_sink: bool = False) -> Iterator[tuple[Dovecot, SmtpSink]]:
    """A private Dovecot and an SMTP sink on loopback for the duration of the block."""
    dovecot = Dovecot()
    dovecot.start()
    sink = TimedSink() if timed_sink else SmtpSink()
    sink.start()
    try:
        yield dovecot, sink
    finally:
        sink.stop()
        dovecot.cleanup()


class TimedSink(SmtpSink):
    """An SMTP sink that also notes when each message arrived (time.time())."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrivals: list[tuple[float, bytes]] = []

    def _keep(self, mail) -> None:
        with self._arrived:
            self.arrivals.append((time.time(), mail.raw))
        super()._keep(mail)


def fill_maildir(dovecot: Dovecot, account, raws: list[bytes], folder_name: str = "") -> None:
    """Drop messages straight into the account's Maildir (`cur/`): far faster than APPEND for
    tens of thousands; Dovecot assigns UIDs at the next SELECT. INTERNALDATE = file time."""
    maildir = dovecot.mail_root / account.user / "Maildir"
    target = maildir / (f".{folder_name}" if folder_name else "") / "cur"
    for sub in ("cur", "new", "tmp"):
        (target.parent / sub).mkdir(parents=True, exist_ok=True)
    stamp = int(time.time())
    for number, raw in enumerate(raws):
        (target / f"{stamp}.M{number}P{os.getpid()}.bench,S={len(raw)}:2,").write_bytes(raw)
    if os.geteuid() == 0:   # Dovecot reads mail as the mail user (nobody), never as root
        owner = (dovecot._mail_uid, dovecot._mail_gid)
        for root, dirs, files in os.walk(dovecot.mail_root / account.user):
            os.chown(root, *owner)
            for name in files:
                os.chown(os.path.join(root, name), *owner)
    with account.session() as client:   # let Dovecot index the folder now, outside any timing
        client.select_folder(folder_name or "INBOX", readonly=True)
        client.search(["ALL"])


def fetch_parsed(account, batch_size: int = 100) -> Iterator:
    """What every floor script does first: imapclient fetches the INBOX in batches (BODY.PEEK[]),
    mail-parser parses each message; yields the parsed messages in UID order."""
    import mailparser

    with account.session() as client:
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search(["ALL"]))
        for offset in range(0, len(uids), batch_size):
            batch = uids[offset:offset + batch_size]
            answer = client.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"])
            for uid in batch:
                yield mailparser.parse_from_bytes(answer[uid][b"BODY[]"])


def state_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"mailbot-bench-{prefix}-"))


def env_for(state: Path, account, sink, **extra) -> dict[str, str]:
    """mailbot's environment: the state folder, the account and the sink (see tests/e2e/mailbox.py).
    The burst guard is lifted: a benchmark's thousands of acknowledgements in one run are the point."""
    return mailbot_env(state, account, sink, **({"MAILBOT_ACK_MAX_PER_RUN": "10000000"} | extra))


def mailbot_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "mailbot", *args]


def children_cpu() -> float:
    """CPU seconds (user + system) of every waited-for child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(command: list[str], env: dict[str, str], timeout: float = 900) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command to completion; (wall seconds, result). Raises with stderr if it fails.
    The result's `cpu_seconds` is the CPU the command and every process it started used
    (load-independent), `cpu_how` says how it was counted."""
    account = CpuAccount()
    cpu_before = children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout,
                            preexec_fn=account.join)
    seconds = time.perf_counter() - start
    result.cpu_seconds = account.seconds(fallback=children_cpu() - cpu_before)
    result.cpu_how = account.how
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return seconds, result


class CpuAccount:
    """CPU of a process tree through a cgroup (v1 cpuacct) made for it: getrusage misses the fork
    server's extraction workers, which are grandchildren nobody in the tree waits for. Without
    the permission to make a cgroup, getrusage's figure is used and `how` says so."""

    ROOT = Path("/sys/fs/cgroup/cpuacct")

    def __init__(self):
        self.group: Path | None = None
        self.how = "getrusage (fork-server workers not counted)"
        try:
            self.group = Path(tempfile.mkdtemp(prefix="mailbot-bench-", dir=self.ROOT))
            self.how = "cgroup cpuacct (every process)"
        except OSError:
            self.group = None

    def join(self) -> None:
        """In the child before exec: move into the group; everything it starts stays there."""
        if self.group is not None:
            (self.group / "cgroup.procs").write_text(str(os.getpid()))

    def seconds(self, fallback: float) -> float:
        """The group's CPU so far, then the group removed (its processes have ended)."""
        if self.group is None:
            return fallback
        try:
            return self.so_far()
        finally:
            try:
                self.group.rmdir()
            except OSError:
                pass

    def so_far(self) -> float:
        """CPU seconds the group has used until now (0.0 without a group), for a running process."""
        if self.group is None:
            return 0.0
        return int((self.group / "cpuacct.usage").read_text()) / 1e9


# ---- memory -------------------------------------------------------------------------------------

def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return children


def tree_rss(root_pid: int) -> dict[int, int]:
    """Resident memory (VmRSS bytes) of a process and of each of its descendants, by pid."""
    children = _children_map()
    sizes, todo = {}, [root_pid]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/status", "rb") as handle:
                for line in handle:
                    if line.startswith(b"VmRSS:"):
                        sizes[pid] = int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return sizes


def tree_pss_bytes(root_pid: int) -> int:
    """Proportional memory of the tree (Pss: shared pages split between the processes sharing them,
    e.g. a fork server's preloaded libraries and its workers); summed RSS counts them once per process."""
    total = 0
    for pid in tree_rss(root_pid):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


def tree_rss_bytes(root_pid: int) -> int:
    """Resident memory of a process and all its descendants (sum of VmRSS)."""
    return sum(tree_rss(root_pid).values())


class PeakRss:
    """Samples the RSS of a process tree every `interval` seconds until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.01, with_pss: bool = False):
        self.pid, self.interval, self.peak = pid, interval, 0
        self.with_pss, self.peak_pss = with_pss, 0
        self.at_peak: dict[int, int] = {}       # pid -> RSS when the tree peaked
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            sizes = tree_rss(self.pid)
            if sum(sizes.values()) > self.peak:
                self.peak, self.at_peak = sum(sizes.values()), sizes
            if self.with_pss:
                self.peak_pss = max(self.peak_pss, tree_pss_bytes(self.pid))
            self._stop.wait(self.interval)

    def breakdown(self) -> str:
        """'main 250 MB + 2 children 90+86 MB' at the peak."""
        main = self.at_peak.get(self.pid, 0)
        others = sorted((size for pid, size in self.at_peak.items() if pid != self.pid), reverse=True)
        text = f"main {main / 2**20:.0f} MB"
        if others:
            text += f" + {len(others)} children {'+'.join(f'{size / 2**20:.0f}' for size in others)} MB"
        return text


# ---- figures ------------------------------------------------------------------------------------

def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def best_ratio(floor_seconds: float, cpu_seconds: float) -> tuple[float, float]:
    """The best any arrangement of this much CPU could reach on this machine's cores: (wall seconds
    with the CPU spread perfectly over every core, the ratio to the floor it would give). An upper
    bound: the servers' own CPU and the order the work must keep would only add to it."""
    cores = os.cpu_count() or 1
    wall = cpu_seconds / cores
    return wall, floor_seconds / wall if wall else float("inf")


def load_note() -> str:
    """The machine's load when the figure was taken (the 2 cores are shared)."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"
