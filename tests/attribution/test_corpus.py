"""Precision and recall of `states` over the labelled corpus; fails when attribution regresses."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from tests.attribution.corpus_gen import LANGUAGES, generate
from tests.attribution.evaluate import evaluate


def test_corpus_is_large_and_covers_every_case_and_language():
    cases = generate()
    assert len(cases) >= 150
    assert {case.language for case in cases} == set(LANGUAGES)
    families = Counter(case.family for case in cases)
    for family in ("gov-document", "gov-body", "mission-provider", "joint", "forwarded", "confusable",
                   "focal-point", "non-member", "spoof", "no-evidence", "conflict"):
        assert families[family] >= 2, family
    assert sum(len(case.states) > 1 for case in cases) >= 10       # joint contributions
    assert len({case.id for case in cases}) == len(cases)


@pytest.fixture
def corpus_ctx(ctx):
    """The generated corpus answers the CWG-Internet open consultation, not the GCA call of the
    default consultation file: "ours" says so, or the other-consultation signal would fire."""
    # It also models a Secretariat that takes a mission's webmail at its content's word (the default
    # flags such mail: tests/attribution/test_heldout_classes.py).
    return replace(ctx, ours=replace(ctx.ours, reference="", topic_words=("cwg internet", "internet")),
                   settings=ctx.settings.model_copy(update={"review_provider_senders": False}))


def test_precision_recall_and_review_targets(corpus_ctx, capsys):
    figures = evaluate(corpus_ctx)
    with capsys.disabled():
        print("\nattribution corpus:", figures.report())
        for failure in figures.failures:
            print("  ", failure)
    assert figures.precision >= 0.995, figures.failures
    assert figures.recall >= 0.97, figures.failures
    assert figures.review_recall >= 0.90, figures.failures
    assert figures.flagged_share <= 0.20, figures.failures
    assert figures.spoofs_attributed_unreviewed == 0
    assert figures.forwarded_flagged_as_such == figures.forwarded
