"""Language of a text among the six UN languages (ISO 639-1), deterministic for a given text."""
from __future__ import annotations

import functools
import re

UN_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
SAMPLE_CHARS = 1000          # same answers as 5,000 on the 118 corpus bodies and documents; ~1 ms
MIN_LETTERS = 20             # below this, any guess is noise
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


# Profiles loaded: the six UN languages and the languages most often mistaken for them, so that
# German or Portuguese is recognised as "not ours" (-> None).  All 55 profiles would cost ~60 MB.
PROFILES = ("en", "fr", "es", "ru", "ar", "zh-cn", "zh-tw", "de", "it", "pt", "nl", "ca", "pl",
            "cs", "uk", "bg", "fa", "ur", "ja", "ko", "he", "tr", "ro", "sv")


@functools.lru_cache(maxsize=1)
def _factory():
    """langdetect's profiles for PROFILES, loaded once per process."""
    from pathlib import Path

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    folder = Path(PROFILES_DIRECTORY)
    factory.load_json_profile([(folder / code).read_text(encoding="utf-8") for code in PROFILES])
    factory.seed = 0          # langdetect is random unless seeded; same text, same answer
    return factory


def load_profiles() -> None:
    """Load the language profiles now: a fork server does, so the workers it forks share them."""
    _factory()


def worth_detecting(text: str) -> bool:
    """Whether the text has letters enough for a guess (below MIN_LETTERS any guess is noise)."""
    return len(_LETTER.findall(text[:SAMPLE_CHARS])) >= MIN_LETTERS


def detect_languages(texts: list[str]) -> list[str | None]:
    """detect_language of each text, in order (one call for a group, as a helper process takes it)."""
    return [detect_language(text) for text in texts]


def detect_language(text: str) -> str | None:
    """'en', 'fr', 'es', 'ru', 'ar' or 'zh'; None when too short, unknown or another language."""
    sample = text[:SAMPLE_CHARS]
    if not worth_detecting(sample):
        return None
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(sample)
    try:
        code = detector.detect()
    except LangDetectException:
        return None
    code = code.split("-")[0]          # zh-cn / zh-tw -> zh
    return code if code in UN_LANGUAGES else None
