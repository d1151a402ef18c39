"""Issue 18: what attribution remembers within one message, and the quick tests that skip work, give
exactly the answers of the work they skip."""
from __future__ import annotations

import random

import pytest

from mailbot.attribution import signal_phrases as words
from mailbot.attribution import signals
from mailbot.attribution.memo import per_message, remembered
from mailbot.attribution.names import ScannedText


def test_nothing_is_remembered_outside_a_message():
    calls = []
    for _ in range(2):
        assert remembered("test", "key", lambda: calls.append(1) or len(calls)) == len(calls)
    assert calls == [1, 1]


def test_within_a_message_each_key_is_computed_once_and_forgotten_after():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    with per_message():
        assert remembered("test", "key", compute) == 1
        assert remembered("test", "key", compute) == 1
        assert remembered("other", "key", compute) == 2      # another function's answer for the same text
    with per_message():
        assert remembered("test", "key", compute) == 3       # the next message starts afresh
    assert remembered("test", "key", compute) == 4


def test_a_failing_computation_is_not_remembered():
    with per_message():
        with pytest.raises(ValueError):
            remembered("test", "key", lambda: (_ for _ in ()).throw(ValueError("boom")))
        assert remembered("test", "key", lambda: "fine") == "fine"


def test_a_text_is_scanned_once_per_message_and_gives_what_a_fresh_scan_gives(ctx):
    text = "Contribution from the Republic of Kenya\nPermanent Mission of Ghana to the United Nations"
    with per_message():
        first = ctx.names.scanned(text)
        assert ctx.names.scanned(text) is first
        findings = ctx.analyser.analyse(text, title_block=True)
        assert ctx.analyser.analyse(text, title_block=True) == findings
    fresh = ctx.names.scanned(text)
    assert isinstance(fresh, ScannedText) and fresh is not first
    assert (fresh.cleaned, fresh.toks, fresh.matches) == (first.cleaned, first.toks, first.matches)
    assert ctx.analyser.analyse(text, title_block=True) == findings
    assert {state for finding in findings for state in finding.states} == {"KEN", "GHA"}


def test_find_hands_out_its_own_list(ctx):
    with per_message():
        found = ctx.names.find("Kenya and Ghana")
        found.clear()
        assert len(ctx.names.find("Kenya and Ghana")) == 2


PHRASE_LISTS = [getattr(words, name) for name in dir(words)
                if name.isupper() and isinstance(getattr(words, name), tuple)
                and all(isinstance(phrase, str) for phrase in getattr(words, name))]


def _texts() -> list[str]:
    """Texts that hold phrases whole, cut short, glued to other words, in CJK, and none at all."""
    rng = random.Random(18)
    phrases = [phrase for phrases in PHRASE_LISTS for phrase in phrases]
    texts = ["", "nothing to see here", "please confirm receipt?", "unsubscribeme", "xurgent", "紧急请确认"]
    for _ in range(400):
        picked = rng.sample(phrases, 3)
        cut = picked[0][:max(1, len(picked[0]) - rng.randint(0, 3))]
        glue = rng.choice(["", " ", "-", "x", ", ", "。"])
        texts.append(f"{rng.choice(['Dear', 'Re:', ''])} {cut}{glue}{picked[1]}{glue}tail {picked[2].upper()}")
    return texts


@pytest.mark.parametrize("phrases", PHRASE_LISTS, ids=lambda phrases: phrases[0][:20])
def test_the_quick_test_before_a_phrase_search_never_changes_its_answer(phrases):
    pattern = signals._phrase_pattern(phrases)
    for text in _texts():
        match = pattern.search(signals._folded(text))
        assert signals._find(phrases, text) == (match.group(0) if match else None), text


GOV = {"gov.ke": "KEN", "mfa.gov.ke": "KEN", "gouv.fr": "FRA", "go.jp": "JPN", "ke": "KEN", "a.b.c.d": "XXX"}


def _brute_force(domain: str, gov_domains: dict) -> str | None:
    dotted = "." + domain + "."
    return next((gov for gov in gov_domains if gov.count(".") >= 1 and "." + gov + "." in dotted), None)


@pytest.mark.parametrize("domain", [
    "mfa.gov.ke.verify-login.com", "gov.ke", "xgov.ke.com", "gov.kex.com", "login.mfa.gov.ke.example",
    "gouv.fr.gov.ke.evil.com", "a.b.c.d.e", "b.c.d", "..gov.ke..", "go.jp", "x" + ".a" * 40 + ".gov.ke.com",
])
def test_government_domains_inside_a_host_are_found_as_a_scan_of_the_table_finds_them(domain):
    assert signals._gov_domain_inside(domain, GOV) == _brute_force(domain, GOV)


def test_government_domains_inside_random_hosts():
    rng = random.Random(11)
    labels = ["gov", "ke", "mfa", "gouv", "fr", "go", "jp", "a", "b", "c", "d", "com", "login", ""]
    for _ in range(2000):
        domain = ".".join(rng.choice(labels) for _ in range(rng.randint(1, 12)))
        assert signals._gov_domain_inside(domain, GOV) == _brute_force(domain, GOV), domain


def test_a_host_of_thousands_of_labels_costs_no_more_than_the_table(ctx):
    host = ".".join(["a"] * 20_000) + ".gov.ke.example"
    assert signals._gov_domain_inside(host, ctx.gov_domains) == _brute_force(host, ctx.gov_domains)
