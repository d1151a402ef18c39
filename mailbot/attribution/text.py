"""Text normalisation and tokenisation shared by the name index and every collector."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Han ideographs are tokens of one character each, so Chinese names are token sequences too.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": ""})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'"})


@dataclass(frozen=True)
class Token:
    """One word (or one Han character): its folded form, whether it was capitalised, where it is."""

    norm: str
    capital: bool       # starts with a capital, or the script has no case (Arabic, Han)
    upper: bool         # all capitals (acronyms are matched only so)
    start: int
    end: int


# Combining marks: Latin/Cyrillic diacritics (й = и + breve), Arabic vowel signs, and the rest.
_MARKS_RE = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
                       "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_marks(text: str) -> str:
    """NFKD, then drop combining marks (accents, Arabic vowel signs), then compose again."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _MARKS_RE.sub("", unicodedata.normalize("NFKD", text)))


def _fold_clean(word: str) -> str:
    return word.casefold().translate(_ARABIC_FOLD)


def fold(word: str) -> str:
    """The comparison form of one word: no marks, case-folded, Arabic letter variants unified."""
    return _fold_clean(strip_marks(word))


def clean(text: str) -> str:
    """Text with marks stripped (same length rules as `tokens`), apostrophes unified."""
    return strip_marks(text.translate(_APOSTROPHES))


def tokens(text: str) -> list[Token]:
    """Tokens of `text` after `clean`; offsets refer to the cleaned text."""
    cleaned = clean(text)
    return [Token(_fold_clean(match.group()), _capital(match.group()[0]), match.group().isupper(),
                  match.start(), match.end())
            for match in _TOKEN_RE.finditer(cleaned)]


def _capital(char: str) -> bool:
    return char.isupper() or char.lower() == char.upper()


def fold_phrase(text: str) -> tuple[str, ...]:
    """A phrase as the tuple of folded tokens, the key the name index and phrase tables use."""
    return tuple(token.norm for token in tokens(text))


def is_han(word: str) -> bool:
    return bool(word) and "\u3400" <= word[0] <= "\ufaff" and re.match(f"[{_HAN}]", word) is not None


def lines(text: str) -> list[str]:
    """Non-empty stripped lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]
