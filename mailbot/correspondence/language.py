"""Choose the language of a reply among the six UN languages."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

from mailbot.consultation import LANGUAGES

# Detectors and documents say "zh-cn", "fr-CH", "fra", "chi_sim"...: all reduce to the six codes.
_ALIASES = {
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "rus": "ru",
    "ara": "ar",
    "zho": "zh",
    "chi": "zh",
    "cmn": "zh",
}


def normalize_language(code: str | None) -> str | None:
    """ "zh-cn" -> "zh", "FRA" -> "fr"; None when it is not one of the six."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def choose_language(
    message_language: str | None,
    attachment_languages: Iterable[str | None],
    state_codes: Iterable[str],
    state_usual_language: Mapping[str, str],
) -> str:
    """The sender's language: what they wrote in, else their documents' most common language,
    else the usual language of the (first) Member State, else English."""
    written = normalize_language(message_language)
    if written:
        return written
    documents = Counter(code for code in map(normalize_language, attachment_languages) if code)
    if documents:
        # most common; ties go to the first language met (Counter keeps insertion order)
        return documents.most_common(1)[0][0]
    for state in state_codes:
        usual = normalize_language(state_usual_language.get(state))
        if usual:
            return usual
    return "en"
