"""Text normalisation and tokenisation shared by the name index and every collector."""
from __future__ import annotations

import functools
import re
import unicodedata

# Han ideographs are tokens of one character each, so Chinese names are token sequences too; so
# are Japanese kana and Korean syllables, which particles follow without a space ("ケニアの").
_HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN_RE = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+")
# Arabic letter variants (and Persian ye and kaf) unified; Turkish dotless i folds to i.
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": "",
                              "ی": "ي", "ک": "ك", "ı": "i"})
_APOSTROPHES = ("\u2019", "\u2018", "\u02bc", "\u00b4")     # each becomes "'"


class Token:
    """One word (or one Han character): its folded form, whether it was capitalised, where it is.

    A plain class with __slots__ rather than a frozen dataclass: a 30-page document has tens of
    thousands of tokens and a frozen dataclass costs four times as much to build. Treat it as
    immutable; equality, hash and repr are those the frozen dataclass had.
    """

    __slots__ = ("norm", "capital", "upper", "start", "end")

    def __init__(self, norm: str, capital: bool, upper: bool, start: int, end: int):
        self.norm = norm
        self.capital = capital    # starts with a capital, or the script has no case (Arabic, Han)
        self.upper = upper        # all capitals (acronyms are matched only so)
        self.start = start
        self.end = end

    def _key(self) -> tuple:
        return self.norm, self.capital, self.upper, self.start, self.end

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return (f"Token(norm={self.norm!r}, capital={self.capital!r}, upper={self.upper!r}, "
                f"start={self.start!r}, end={self.end!r})")


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
    # str.replace, not str.translate: translate with a mapping costs ~1.5 ms on 30,000 characters
    # of non-ASCII text, four replaces a few microseconds.
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "'")
    return strip_marks(text)


def tokens(text: str) -> list[Token]:
    """Tokens of `text` after `clean`; offsets refer to the cleaned text."""
    return tokens_of_cleaned(clean(text))


def tokens_of_cleaned(cleaned: str) -> list[Token]:
    """Tokens of a text `clean` has already been applied to (callers that need both do it once)."""
    found: list[Token] = []
    append = found.append        # this loop runs once per word: locals are cheaper than lookups
    for match in _TOKEN_RE.finditer(cleaned):
        norm, capital, upper = _word(match.group())
        start, end = match.span()
        append(Token(norm, capital, upper, start, end))
    return found


@functools.lru_cache(maxsize=10_000)
def _word(word: str) -> tuple[str, bool, bool]:
    """(folded form, capitalised, all capitals) of one token's text.

    Cached: words repeat a lot in prose, and folding is most of what tokenising costs. 10,000
    words (about 2.5 MB) hold the vocabulary of a long document; depends on nothing but the word.
    """
    return _fold_clean(word), _capital(word[0]), word.isupper()


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
