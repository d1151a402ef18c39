"""Where the poll's own thread spends its CPU and its wall time, stage by stage, in `mailbot run --once`.

    python bench/stage_cpu.py [--messages 2000] [--kind plain|documents]

The speed bench's mail (plain: bench/mailgen, seed 7; documents: bench/documents_bench's mix) in a
real Dovecot, receipts to a real SMTP sink, mailbot run through bench/stage_timer.py, which times
each pipeline stage and the steps inside them with the thread's own CPU clock. Prints milliseconds
a message: CPU (work the thread did) and wall (CPU plus waiting: SQLite, sockets, the GIL while the
process's other threads ran), and the CPU of the process's other threads. Less disturbed by the
machine's load than a wall-clock profile: CPU figures move little when other work shares the cores.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPO_ROOT, bench_args, env_for, fill_maildir, servers, state_dir  # noqa: E402
from bench.documents_bench import generate  # noqa: E402
from bench.mailgen import plain_message  # noqa: E402
from bench.stage_timer import TIMED  # noqa: E402


def mail(kind: str, count: int) -> list[bytes]:
    if kind == "plain":
        rng = random.Random(7)
        return [plain_message(number, rng) for number in range(count)]
    return generate(count)[0]


def run(kind: str, count: int) -> tuple[dict, float]:
    """The timer's figures and the run's wall seconds."""
    with servers() as (dovecot, sink), tempfile.TemporaryDirectory() as scratch:
        account = dovecot.new_user("stages")
        fill_maildir(dovecot, account, mail(kind, count))
        out = Path(scratch) / "stages.json"
        env = env_for(state_dir("stages"), account, sink)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(REPO_ROOT / "bench" / "stage_timer.py"), str(out)], env=env,
                              cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0 or not out.exists():
            sys.exit(f"mailbot failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
        return json.loads(out.read_text()), time.perf_counter() - started


def table(figures: dict, wall: float, count: int) -> str:
    per = 1000 / count
    lines = [f"{count} messages, wall {wall:.1f} s ({wall * per:.2f} ms a message); the poll's thread: "
             f"{figures['main_cpu']:.1f} s CPU ({figures['main_cpu'] * per:.2f} ms a message)",
             f"| {'step (poll thread; indented: inside the line above)':<52} | CPU ms/msg | wall ms/msg | calls |",
             f"|{'-' * 54}|-----------:|------------:|------:|"]
    steps = figures["steps"]
    stages = sorted((name for name in steps if name.startswith("stage ")), key=lambda name: -steps[name][0])
    for name in stages + [label for label, _module, _path in TIMED if label in steps]:
        cpu, spent, calls = steps[name]
        lines.append(f"| {name:<52} | {cpu * per:10.2f} | {spent * per:11.2f} | {calls:5d} |")
    others = ", ".join(f"{name} {cpu * per:.2f}" for name, cpu in sorted(figures["threads"].items(),
                                                                         key=lambda pair: -pair[1]))
    lines.append(f"other threads of the process, CPU ms/msg: {others}")
    if figures["missing"]:
        lines.append("not found in the code (rename them in bench/stage_timer.py): " + ", ".join(figures["missing"]))
    return "\n".join(lines)


def main() -> None:
    args = bench_args(__doc__, messages=(2000, "how many messages"), kind=("plain", "plain or documents"))
    load = Path("/proc/loadavg").read_text().split()[0]
    figures, wall = run(args.kind, args.messages)
    print(table(figures, wall, args.messages))
    print(f"load {load} -> {Path('/proc/loadavg').read_text().split()[0]} on {__import__('os').cpu_count()} cores")


if __name__ == "__main__":
    main()
