"""CPU a plain message costs in the parse, classify and attribute stages alone, in one process, no servers.

    python bench/plain_cpu.py [--messages 1000] [--rounds 3] [--cprofile out.pstats]

The same generated plain mail as bench/speed_bench.py --only plain (bench/mailgen, seed 7), each run
through the real stage functions on a Runtime with a throwaway register (attribution looks up
duplicates there). Prints the best of `--rounds` process-CPU times per message for each stage.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.mailgen import plain_message  # noqa: E402
from mailbot.config import Settings  # noqa: E402
from mailbot.pipeline import attribute, classify, parse  # noqa: E402
from mailbot.runtime import Runtime  # noqa: E402
from mailbot.workitem import Fetched, WorkItem  # noqa: E402

STAGES = (("parse", parse.run), ("classify", classify.run), ("attribute", attribute.run))
WHEN = datetime(2020, 1, 10, 9, 0, tzinfo=timezone.utc)


def one_round(raws: list[bytes], runtime: Runtime) -> dict[str, float]:
    """Process-CPU seconds spent in each stage over all the messages."""
    spent = dict.fromkeys((name for name, _ in STAGES), 0.0)
    for number, raw in enumerate(raws):
        item = WorkItem(fetched=Fetched("memory", "INBOX", 0, str(number), WHEN, raw))
        for name, run in STAGES:
            started = time.process_time()
            run(item, runtime)
            spent[name] += time.process_time() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cprofile", default="", help="profile one round with cProfile into this file")
    args = parser.parse_args()
    rng = random.Random(7)
    raws = [plain_message(number, rng) for number in range(args.messages)]
    with tempfile.TemporaryDirectory(prefix="plain-cpu-") as tmp:
        settings = Settings().model_copy(update={"state": Settings().state.model_copy(update={"dir": Path(tmp)})})
        runtime = Runtime(settings=settings)
        runtime.preflight()
        one_round(raws[:50], runtime)      # warm the caches a long-running service has warm
        if args.cprofile:
            import cProfile

            cProfile.runctx("one_round(raws, runtime)", globals(), locals(), args.cprofile)
            return
        best = min((one_round(raws, runtime) for _ in range(args.rounds)), key=lambda spent: sum(spent.values()))
    per = {name: seconds * 1000 / len(raws) for name, seconds in best.items()}
    print(f"{len(raws)} plain messages, best of {args.rounds} rounds, ms of CPU a message: "
          + ", ".join(f"{name} {ms:.3f}" for name, ms in per.items()) + f"; total {sum(per.values()):.3f}")


if __name__ == "__main__":
    main()
