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


def strip_marks(text: str) -> str:
    """NFKD, then drop combining marks (accents, Arabic vowel signs), then compose again."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


def fold(word: str) -> str:
    """The comparison form of one word: no marks, case-folded, Arabic letter variants unified."""
    return strip_marks(word).casefold().translate(_ARABIC_FOLD)


def clean(text: str) -> str:
    """Text with marks stripped (same length rules as `tokens`), apostrophes unified."""
    return strip_marks(text.translate(_APOSTROPHES))


def tokens(text: str) -> list[Token]:
    """Tokens of `text` after `clean`; offsets refer to the cleaned text."""
    cleaned = clean(text)
    return [Token(fold(match.group()), _capital(match.group()[0]), match.group().isupper(),
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
