"""Language of a text among the six UN languages (ISO 639-1), deterministic for a given text."""
from __future__ import annotations

import functools
import re

UN_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
SAMPLE_CHARS = 5000          # enough for a stable guess; bounded cost on long documents
MIN_LETTERS = 20             # below this, any guess is noise
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _factory():
    """langdetect's profiles, loaded once per process (about half a second)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0          # langdetect is random unless seeded; same text, same answer
    return factory


def detect_language(text: str) -> str | None:
    """'en', 'fr', 'es', 'ru', 'ar' or 'zh'; None when too short, unknown or another language."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
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
