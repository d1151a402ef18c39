"""Print how long loading attribution's reference data and rules takes, and attribute() per message.

    python bench/attribution.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.attribution import InMemoryHistory, attribute, load_context  # noqa: E402
from mailbot.config import Settings  # noqa: E402
from tests.attribution.builders import work_item  # noqa: E402
from tests.attribution.corpus_gen import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    settings = Settings()
    settings.attribution.trusted_authserv_id = "mx.itu.int"
    loads = []
    for _ in range(rounds):
        start = time.perf_counter()
        ctx = load_context(settings, InMemoryHistory())
        loads.append(time.perf_counter() - start)
    cases = generate()
    per_message = []
    for _ in range(rounds):
        for case in cases:
            item = work_item(case.parsed, case.extracts, language=case.language, kind=case.kind)
            start = time.perf_counter()
            attribute(item, ctx)
            per_message.append(time.perf_counter() - start)
    print(f"load_context: median {statistics.median(loads) * 1000:.1f} ms, max {max(loads) * 1000:.1f} ms "
          f"({rounds} rounds; {len(ctx.reference.states)} states, {len(ctx.rules.rules)} rules)")
    print(f"attribute(): median {statistics.median(per_message) * 1000:.2f} ms, "
          f"p95 {sorted(per_message)[int(len(per_message) * 0.95)] * 1000:.2f} ms, "
          f"max {max(per_message) * 1000:.2f} ms over {len(per_message)} messages")


if __name__ == "__main__":
    main()
