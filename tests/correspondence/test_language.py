"""Choosing the reply language among the six UN languages."""

from __future__ import annotations

import pytest

from mailbot.correspondence.language import choose_language, normalize_language

USUAL = {"FRA": "fr", "ARG": "es", "EGY": "ar", "DEU": "de"}


@pytest.mark.parametrize(
    "message, documents, states, expected",
    [
        ("fr", ["en"], ["KEN"], "fr"),  # what the sender wrote wins
        ("zh-cn", [], [], "zh"),  # detector codes reduce to the six
        ("de", ["es", "es", "en"], [], "es"),  # not a UN language: the documents' majority
        (None, ["ru", "ar", "ar"], ["FRA"], "ar"),
        (None, ["en", "fr"], [], "en"),  # a tie: the first document's language
        (None, [None, "xx"], ["EGY"], "ar"),  # nothing usable: the state's usual language
        (None, [], ["DEU", "ARG"], "es"),  # a usual language outside the six is skipped
        (None, [], ["KEN"], "en"),  # nothing known at all: English
        ("", [], [], "en"),
    ],
)
def test_choice_order(message, documents, states, expected):
    assert choose_language(message, documents, states, USUAL) == expected


@pytest.mark.parametrize(
    "code, expected",
    [
        ("FR", "fr"),
        ("fr-CH", "fr"),
        ("fra", "fr"),
        ("zh_TW", "zh"),
        ("chi_sim", "zh"),
        ("ara", "ar"),
        ("de", None),
        (None, None),
        ("", None),
    ],
)
def test_normalize(code, expected):
    assert normalize_language(code) == expected


def test_usual_languages_follow_the_focal_points_file(tmp_path):
    """One ReferenceData per version of the file: an edit made while the service runs is seen."""
    import os

    from mailbot.errors import RuleError
    from mailbot.reference import reference_data

    path = tmp_path / "focal_points.toml"
    with pytest.raises(RuleError, match="file not found"):
        reference_data(path)  # the one key names a file that must be there
    path.write_text('[[focal_point]]\nstate = "KEN"\naddress = "a@mfa.go.ke"\nlanguage = "en"\n', encoding="utf-8")
    assert dict(reference_data(path).usual_languages) == {"KEN": "en"}
    assert reference_data(path) is reference_data(path)  # loaded once per version
    path.write_text('[[focal_point]]\nstate = "KEN"\naddress = "a@mfa.go.ke"\nlanguage = "fr"\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert dict(reference_data(path).usual_languages) == {"KEN": "fr"}
    with pytest.raises(TypeError):
        reference_data(path).usual_languages["FRA"] = "fr"  # shared by every caller: read-only
