"""Placeholder language detection (replaced by the extract branch)."""
from __future__ import annotations


def detect_language(text: str) -> str | None:
    if not text or len(text.strip()) < 20:
        return None
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        code = detect(text[:5000])
    except LangDetectException:
        return None
    code = "zh" if code.startswith("zh") else code
    return code if code in ("en", "fr", "es", "ru", "ar", "zh") else None
