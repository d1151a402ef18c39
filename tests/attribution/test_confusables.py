"""Issue 11, class 4: country words inside other names are not the state."""
from __future__ import annotations

import pytest

from mailbot.attribution import attribute
from tests.attribution.builders import document, message, work_item


def states_in(ctx, text):
    return [match.entry.states for match in ctx.names.find(text)]


@pytest.mark.parametrize("text", [
    "Inter-American cooperation", "Latin-American states", "Afro-Asian solidarity",
    "the African Union Commission", "Central African Economic and Monetary Community",
    "Organization of American States", "Niger Basin Authority", "the Lake Chad Basin Commission",
])
def test_regions_groups_and_compounds_are_no_state(ctx, text):
    assert all(len(states) != 1 for states in states_in(ctx, text)), states_in(ctx, text)


@pytest.mark.parametrize("text, short", [
    ("Congo, Democratic Republic of", "COG"), ("Congo (DR)", "COG"), ("Sudan (South)", "SDN"),
    ("Guinea, Papua New", "GIN"), ("Guinea, Equatorial", "GIN"),
])
def test_a_name_cut_from_a_longer_one_never_crosses_to_the_shorter(ctx, text, short):
    assert states_in(ctx, text)[0] != (short,)


def test_kenya_uganda_hyphenated_pair_keeps_both(ctx):
    assert states_in(ctx, "Kenya-Uganda joint position") == [("KEN",), ("UGA",)]


def test_regional_commission_signature_is_not_a_state(ctx):
    parsed, extracts = message(sender="secretariat@eac-example.org", subject="Comments",
                               body="Please find our comments.\n\nBest regards\nEast African Community Secretariat\n"
                                    "Arusha",
                               documents=[document("c.docx", "Comments of the Inter-American Commission")])
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    assert item.attribution.states == ()
