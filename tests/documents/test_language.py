"""Language detection among the six UN languages, deterministic."""
from __future__ import annotations

import pytest

from parsers.language import detect_language
from tests.documents.make_golden import ARABIC, CHINESE, ENGLISH, FRENCH, RUSSIAN, SPANISH


@pytest.mark.parametrize("text, expected", [(ENGLISH, "en"), (FRENCH, "fr"), (SPANISH, "es"),
                                            (RUSSIAN, "ru"), (ARABIC, "ar"), (CHINESE, "zh")])
def test_six_languages(text, expected):
    assert detect_language(text) == expected


def test_same_text_same_answer_every_time():
    mixed = "Contribution contribución contribution вклад " * 3
    assert len({detect_language(mixed) for _ in range(10)}) == 1


def test_too_short_or_other_languages_give_none():
    assert detect_language("OK 12") is None
    assert detect_language("Die Arbeitsgruppe des Rates hat sich in Genf getroffen, um die nationalen "
                           "Beiträge zur kritischen Infrastruktur zu prüfen.") is None
