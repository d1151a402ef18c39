"""Calibrate attribution's confidence on a labelled set: how often a 0.8 is right, and which
threshold keeps precision >= 0.995 with the best recall.

    python bench/calibrate_attribution.py [--labels tests/devset/labels.jsonl]

Reads each labelled contribution's .eml, parses, classifies and attributes it in process (no
register, no acknowledgements) with the threshold set to 0, and compares the best-scored
candidate states with the labels. Prints one row per confidence bin, and the threshold it fits.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mailbot.attribution import InMemoryHistory, attribute, load_context  # noqa: E402
from mailbot.review import item_from_file  # noqa: E402
from mailbot.config import Settings  # noqa: E402
from mailbot.pipeline.classify import classify  # noqa: E402

BINS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 1.01)


def scored(labels: Path) -> list[tuple[float, bool]]:
    """(confidence, right) for every decided candidate set of the labelled contributions."""
    settings = Settings()
    settings.attribution.trusted_authserv_id = "mx1.itu.int"
    settings.attribution.min_confidence = 0.0
    ctx = load_context(settings, InMemoryHistory())
    folder = labels.parent / "messages"
    found = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        label = json.loads(line) if line.strip() else None
        if not label or label["kind"] != "contribution" or label["file"].startswith("corpus:"):
            continue
        item = item_from_file(folder / label["file"])
        if item.parsed is None:
            continue
        item.kind = classify(item.parsed, our_domain=settings.mail.domain, loop_header=settings.mail.loop_header,
                             our_addresses=(settings.mail.from_address,))[0]
        attribute(item, ctx)
        result = item.attribution
        if result.states:
            # Right: every state given is one of the labelled authors (a co-author left out is a
            # recall miss, not a wrong attribution).
            found.append((result.confidence, set(result.states) <= set(label["states"])))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=Path, default=ROOT / "tests" / "devset" / "labels.jsonl")
    found = scored(parser.parse_args().labels)
    print(f"{'confidence':>12}  {'decisions':>9}  {'right':>6}")
    for low, high in zip(BINS, BINS[1:]):
        inside = [right for confidence, right in found if low <= confidence < high]
        if inside:
            print(f"{low:>5.2f}-{min(high, 1):<5.2f}  {len(inside):>9}  {sum(inside) / len(inside):>6.1%}")
    best = None
    for threshold in sorted({round(confidence, 2) for confidence, _ in found}):
        kept = [right for confidence, right in found if confidence >= threshold]
        if kept and sum(kept) / len(kept) >= 0.995:
            best = (threshold, len(kept), sum(kept))
            break
    if best:
        print(f"lowest threshold with precision >= 0.995: {best[0]:.2f} ({best[2]}/{best[1]} right)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
