"""Print how long loading attribution's reference data and rules takes, attribute() per message,
and Analyser.analyse() per 30,000-character document text (the most collectors/documents.py reads).

    python bench/attribution.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.attribution import InMemoryHistory, attribute, load_context  # noqa: E402
from mailbot.config import Settings  # noqa: E402
from tests.attribution.builders import work_item  # noqa: E402
from tests.attribution.corpus_gen import LANGUAGES, document_text, generate  # noqa: E402
from tests.attribution.corpus_states import COUNTRIES  # noqa: E402

DOCUMENT_CHARS = 30000     # collectors/documents.py analyses at most this much of a document's text


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

    per_document = {language: [] for language in LANGUAGES}
    for language, text in document_texts().items():
        for _ in range(rounds):
            start = time.perf_counter()
            ctx.analyser.analyse(text, title_block=False, short_lines=False)
            per_document[language].append(time.perf_counter() - start)
    every = [seconds for timings in per_document.values() for seconds in timings]
    by_language = ", ".join(f"{language} {statistics.median(timings) * 1000:.1f}"
                            for language, timings in per_document.items())
    print(f"analyse() per {DOCUMENT_CHARS:,}-char document text: "
          f"median {statistics.median(every) * 1000:.1f} ms, max {max(every) * 1000:.1f} ms "
          f"({by_language} ms; {rounds} rounds)")


def document_texts(seed: int = 2020) -> dict[str, str]:
    """One long contribution text per language, as documents.py passes it: pages of the generated
    corpus's document text (title, mentions of other states, prose) up to DOCUMENT_CHARS."""
    rng = random.Random(seed)
    countries = [COUNTRIES[code] for code in sorted(COUNTRIES)]
    texts = {}
    for language in LANGUAGES:
        pages = []
        while sum(len(page) + 1 for page in pages) < DOCUMENT_CHARS:
            authors, others = [rng.choice(countries)], rng.sample(countries, rng.randint(0, 2))
            pages.append(document_text(rng, language, authors, others)[1])
        texts[language] = "\n".join(pages)[:DOCUMENT_CHARS]
    return texts


if __name__ == "__main__":
    main()
