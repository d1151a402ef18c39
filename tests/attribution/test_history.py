"""Duplicates and revisions over the contributions registered before."""
from __future__ import annotations

from datetime import timedelta

from mailbot.attribution import InMemoryHistory, PriorContribution, attribute
from mailbot.attribution.history import find_duplicate, find_revision, revision_word
from tests.attribution.builders import WHEN, document, message, work_item

DOC = document("kenya.docx", "Contribution from the Republic of Kenya\nText")


def prior(mid, states, shas, days_before):
    return PriorContribution(mid, tuple(states), WHEN - timedelta(days=days_before), tuple(shas), "Contribution")


def test_find_duplicate_requires_same_bytes_and_same_state():
    sha = DOC[0].sha256
    priors = [prior("<b>", ["KEN"], [sha], 3), prior("<a>", ["KEN"], [sha, "other"], 10), prior("<c>", ["UGA"], [sha], 20)]
    first, recent = find_duplicate(("KEN",), (sha,), priors, WHEN, 30)
    assert first.message_id == "<a>" and recent
    assert find_duplicate(("KEN",), (sha,), priors, WHEN, 5)[1] is False
    assert find_duplicate(("SEN",), (sha,), priors, WHEN, 30)[0] is None
    assert find_duplicate(("KEN",), ("new",), priors, WHEN, 30)[0] is None


def test_revision_words_in_six_languages():
    for text in ("Revised contribution", "Contribution révisée", "Contribución revisada", "Пересмотренный вклад",
                 "مساهمة منقحة", "修订版文稿", "contribution_rev1.docx"):
        assert revision_word(text), text
    assert revision_word("Contribution from Kenya") is None


def test_find_revision_links_the_latest_other_document():
    priors = [prior("<old>", ["KEN"], ["a"], 10), prior("<newer>", ["KEN"], ["b"], 5), prior("<ug>", ["UGA"], ["c"], 1)]
    assert find_revision(("KEN",), ("d",), priors).message_id == "<newer>"
    assert find_revision(("SEN",), ("d",), priors) is None


def test_attribute_marks_duplicate_and_holds_second_ack(ctx):
    from dataclasses import replace
    history = InMemoryHistory([prior("<first@ke>", ["KEN"], [DOC[0].sha256], 2)])
    local = replace(ctx, history=history)
    parsed, extracts = message(sender="consultations@ca.go.ke", subject="Contribution", documents=[DOC])
    item = work_item(parsed, extracts)
    attribute(item, local)
    assert item.attribution.states == ("KEN",)
    assert item.attribution.duplicate_of == "<first@ke>" and item.attribution.suppress_ack
    late = work_item(parsed, extracts, received_at=WHEN + timedelta(days=60))
    attribute(late, local)
    assert late.attribution.duplicate_of == "<first@ke>" and not late.attribution.suppress_ack


def test_attribute_links_a_revision(ctx):
    from dataclasses import replace
    local = replace(ctx, history=InMemoryHistory([prior("<first@ke>", ["KEN"], ["older-doc"], 5)]))
    revised = document("kenya_rev1.docx", "Revised contribution from the Republic of Kenya\nText v2")
    parsed, extracts = message(sender="consultations@ca.go.ke", subject="Revised contribution", documents=[revised])
    item = work_item(parsed, extracts)
    attribute(item, local)
    assert item.attribution.revision_of == "<first@ke>" and item.attribution.duplicate_of is None
    assert not item.attribution.suppress_ack
