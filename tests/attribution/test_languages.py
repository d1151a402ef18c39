"""Issue 11, class 3: Member States write in more than the six UN languages."""
from __future__ import annotations

import pytest

from mailbot.attribution import attribute
from tests.attribution.builders import document, message, work_item


@pytest.mark.parametrize("title, state", [
    ("Stellungnahme der Bundesrepublik Deutschland zum Entwurf der Leitlinien", "DEU"),
    ("Contribuição da República Federativa do Brasil", "BRA"),
    ("Contribuição de Moçambique sobre o projecto", "MOZ"),
    ("ケニア共和国の意見", "KEN"),
    ("Masukan dari Pemerintah Republik Indonesia", "IDN"),
    ("نظرات جمهوری اسلامی ایران", "IRN"),
    ("Türkiye'nin katkısı", "TUR"),
    ("Contributo dell'Italia", "ITA"),
])
def test_title_block_in_another_official_language(ctx, title, state):
    parsed, extracts = message(sender="delegate@gmail.com", subject="Guidelines", body="See attached.",
                               documents=[document("c.docx", f"{title}\nText of the contribution.")])
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    assert state in item.attribution.states


def test_cldr_names_are_indexed_for_every_official_locale(ctx):
    found = {text: [match.entry.states for match in ctx.names.find(text)]
             for text in ("Deutschland", "Moçambique", "대한민국", "Türkiye", "Österreich", "Việt Nam")}
    assert found["Deutschland"] == [("DEU",)] and found["대한민국"] == [("KOR",)]
    assert found["Österreich"] == [("AUT",)] and found["Việt Nam"] == [("VNM",)]


def test_a_name_shared_by_two_states_across_languages_is_left_out(ctx):
    # Built from the data: no local name may point at a state other than the one the six
    # UN languages give it, so no key gets two owners.
    owners = {}
    for state in ctx.reference.states.values():
        for kind, key in state.match_keys:
            if kind == "name":
                owners.setdefault(key, set()).add(state.alpha3)
    shared = {key: codes for key, codes in owners.items() if len(codes) > 1}
    assert all(not any(key == " ".join(name.split()).casefold() for state in ctx.reference.states.values()
                       for name in (state.local_names or {}).values()) for key in shared)
