"""Find country and organisation names in a token stream, leftmost-longest, in six languages.

"Equatorial Guinea" is found before "Guinea", "Democratic Republic of the Congo" before "Congo",
"South Sudan" before "Sudan": at each position the longest known name wins, and a name is only
ever a whole sequence of tokens ("Niger" never matches inside "Nigeria").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mailbot.attribution.memo import remembered
from mailbot.attribution.phrases import FILLERS, GROUP_WORDS, PERSON_LIKE, SEPARATORS
from mailbot.reference import ReferenceData
from mailbot.attribution.russian import case_forms
from mailbot.attribution.text import Token, clean, fold_phrase, tokens_of_cleaned

_AMBIGUOUS = {"korea": ("KOR", "PRK"), "korea s": ("KOR", "PRK"), "corea": ("KOR", "PRK"),
              "coree": ("KOR", "PRK"), "корея": ("KOR", "PRK"), "كوريا": ("KOR", "PRK"),
              # Unvocalised Arabic writes Oman (عُمان) and Amman (عمّان), Jordan's capital, alike.
              "عمان": ("JOR", "OMN")}
_ARABIC_CLITICS = "وفبكل"


@dataclass(frozen=True)
class NameEntry:
    states: tuple[str, ...]    # one state, or several for an ambiguous name ("Korea")
    kind: str                  # name | adjective | acronym | org
    org: str | None = None     # organisation id when kind == "org"
    org_category: str | None = None


@dataclass(frozen=True)
class ScannedText:
    """A text cleaned, tokenised and scanned for names: what every reader of the text starts from.
    Shared within a message (mailbot.attribution.memo): never change its lists."""

    cleaned: str
    toks: list[Token]
    matches: list["NameMatch"]


@dataclass(frozen=True)
class NameMatch:
    start: int                 # token index
    end: int                   # token index, exclusive
    entry: NameEntry
    text: str                  # the folded tokens, for the trail

    @property
    def ambiguous(self) -> bool:
        return len(self.entry.states) > 1


class NameIndex:
    """Folded token sequences of every name, alias, adjective, acronym and organisation name."""

    def __init__(self, reference: ReferenceData):
        self._by_first: dict[str, list[tuple[tuple[str, ...], NameEntry]]] = {}
        self._acronyms: dict[tuple[str, ...], NameEntry] = {}
        for state in reference.states.values():
            self._add_state(state)
        for key, states in _AMBIGUOUS.items():
            self._add(tuple(key.split()), NameEntry(states, "name"))
        for org in reference.organisations:
            entry = NameEntry((), "org", org.id, org.category)
            for name in org.names:
                self._add(fold_phrase(name), entry)
            for acronym in org.acronyms:
                self._acronyms[fold_phrase(acronym)] = entry
        for candidates in self._by_first.values():
            candidates.sort(key=lambda pair: len(pair[0]), reverse=True)
        # What scan() looks up: the keys by first token, each with its other tokens as a list so
        # that one slice comparison checks them; and the tokens acronyms start with.
        self._candidates = {first: [(key, list(key[1:]), entry) for key, entry in candidates]
                            for first, candidates in self._by_first.items()}
        self._acronym_firsts = frozenset(key[0] for key in self._acronyms)
        # Arabic prose repeats its words, and each needs its clitic variants: cached (bounded,
        # about 0.5 MB when full).
        self._arabic_firsts = functools.lru_cache(maxsize=5_000)(self._variant_firsts)
        self._person_like = frozenset(PERSON_LIKE)
        self._group_words: dict[str, list[tuple[str, ...]]] = {}
        for word in GROUP_WORDS:
            phrase = fold_phrase(word)
            if phrase:
                self._group_words.setdefault(phrase[0], []).append(phrase)
        self._crossing = crossing_words(self._by_first)

    def _add_state(self, state) -> None:
        keys = state.match_keys or match_keys(state.names, state.aliases, state.adjectives, state.local_names)
        for kind, folded in keys:
            self._add(tuple(folded.split(" ")), NameEntry((state.alpha3,), kind))
        for acronym in state.acronyms:
            self._acronyms[fold_phrase(acronym)] = NameEntry((state.alpha3,), "acronym")

    def _add(self, key: tuple[str, ...], entry: NameEntry) -> None:
        if not key:
            return
        bucket = self._by_first.setdefault(key[0], [])
        for index, (existing, old) in enumerate(bucket):
            if existing == key:
                if old.kind == "name" and entry.kind != "name":
                    return      # a name wins over an adjective spelt the same ("Lao")
                if old.states != entry.states and entry.kind == old.kind == "name":
                    merged = tuple(sorted(set(old.states) | set(entry.states)))
                    bucket[index] = (key, NameEntry(merged, "name"))
                return
        bucket.append((key, entry))

    def scan(self, toks: list[Token], text: str | None = None) -> list[NameMatch]:
        """Every name in `toks`, leftmost-longest, without overlaps (`text`: the cleaned text the
        tokens come from, to see hyphens)."""
        norms = [token.norm for token in toks]
        found, index = [], 0
        for start in self._possible_starts(toks):
            if start < index:
                continue        # inside the previous name
            match = self._match_at(toks, norms, start)
            if match is None:
                continue
            if not self._person_name(toks, norms, match):
                found.append(self._confusable(toks, norms, match, text))
            index = match.end
        return [match for match in found if match is not None]

    def group_before(self, toks: list[Token], start: int, end: int) -> bool:
        """Whether a group word ("union", "community", "league", "الاتحاد") is among tokens start..end."""
        norms = [token.norm for token in toks[start:end]]
        return self._group_at(norms, 0, len(norms))

    def _group_at(self, norms: list[str], start: int, within: int) -> bool:
        """Whether a group or place word ("union", "basin", "共同体") starts within `within` tokens."""
        for index in range(start, min(start + within, len(norms))):
            for key in self._group_words.get(norms[index], ()):
                if norms[index:index + len(key)] == list(key):
                    return True
        return False

    def _confusable(self, toks: list[Token], norms: list[str], match: NameMatch,
                    text: str | None) -> NameMatch | None:
        """None where the name is part of something else; an ambiguous match where it may be
        another state's name cut short ("Guinea (Equatorial)", "Congo, Democratic Republic")."""
        before = norms[match.start - 1] if match.start > 0 else ""
        after = norms[match.end] if match.end < len(norms) else ""
        if text is not None and (_hyphen(text, toks, match.start - 1, match.start) and
                                 not self._match_at(toks, norms, match.start - 1) or
                                 _hyphen(text, toks, match.end - 1, match.end) and
                                 self._match_at(toks, norms, match.end) is None):
            return None     # "Inter-American", "Afro-Asian": a compound, not the state
        if match.entry.kind in ("adjective", "name") and not match.ambiguous and \
                self._group_at(norms, match.end, 3 if match.entry.kind == "adjective" else 1):
            return None     # "African Union", "Central African Economic Community", "Niger Basin"
        crossing = self._crossing.get(match.text)
        if text is not None and crossing and match.entry.kind == "name":
            before = before if _adjacent(text, toks, match.start - 1, match.start) else ""
            after = after if _adjacent(text, toks, match.end - 1, match.end) else ""
        if crossing and match.entry.kind == "name" and (before in crossing or after in crossing):
            others = crossing[before] if before in crossing else crossing[after]
            return NameMatch(match.start, match.end,
                             NameEntry(tuple(sorted(set(match.entry.states) | others)), "name"), match.text)
        return match

    def _possible_starts(self, toks: list[Token]) -> list[int]:
        """Indexes of the tokens a name or acronym may start at; _match_at finds nothing elsewhere.

        Most words of a text start no name: one comprehension rules them out far more cheaply than
        a _match_at call each.
        """
        candidates, acronym_firsts = self._candidates, self._acronym_firsts
        return [index for index, token in enumerate(toks)
                if token.norm in candidates or (token.upper and token.norm in acronym_firsts)
                or ("\u0600" <= token.norm[:1] <= "\u06ff" and self._arabic_firsts(token.norm))]

    def _match_at(self, toks: list[Token], norms: list[str], index: int) -> NameMatch | None:
        """The longest name or acronym starting at token `index` (`norms`: the tokens' folded forms)."""
        token = toks[index]
        best = None
        for first in self._name_firsts(token.norm):
            for key, tail, entry in self._candidates[first]:
                end = index + len(key)
                if end > len(toks) or norms[index + 1:end] != tail:
                    continue
                if not token.capital and entry.kind == "name":
                    continue   # "guinea pig", "turkey": names are written with a capital
                if best is None or end > best.end:
                    best = NameMatch(index, end, entry, " ".join(key))
                break
        # Acronyms are matched in capitals only, so most tokens cannot start one.
        if token.upper and token.norm in self._acronym_firsts:
            acronym = self._acronym_at(toks, index)
            if acronym is not None and (best is None or acronym.end > best.end):
                best = acronym
        return best

    def _name_firsts(self, word: str) -> tuple[str, ...]:
        """The forms of `word` some name starts with, in the order of `_first_token_variants`.

        Only Arabic words have other forms (without clitics); for any other word this is the
        word itself or nothing.
        """
        if "\u0600" <= word[:1] <= "\u06ff":
            return self._arabic_firsts(word)
        return (word,) if word in self._candidates else ()

    def _variant_firsts(self, word: str) -> tuple[str, ...]:
        return tuple(variant for variant in _first_token_variants(word) if variant in self._candidates)

    def _acronym_at(self, toks: list[Token], index: int) -> NameMatch | None:
        for length in (3, 2, 1):
            key = tuple(token.norm for token in toks[index:index + length])
            entry = self._acronyms.get(key) if len(key) == length else None
            if entry is not None and all(token.upper for token in toks[index:index + length]):
                return NameMatch(index, index + length, entry, " ".join(key))
        return None

    def _person_name(self, toks: list[Token], norms: list[str], match: NameMatch) -> bool:
        """'Chad Smith', 'Maurice Dupont': a first name followed by a capitalised surname."""
        if match.end - match.start != 1 or match.text not in self._person_like:
            return False
        following = toks[match.end] if match.end < len(toks) else None
        return following is not None and following.capital and following.norm.isalpha() \
            and following.norm.isascii() and self._match_at(toks, norms, match.end) is None

    def find(self, text: str) -> list[NameMatch]:
        return list(self.scanned(text).matches)

    def names_a_state(self, text: str) -> bool:
        """Whether any state's name or demonym appears in `text`."""
        return any(match.entry.states for match in self.scanned(text).matches)

    def scanned(self, text: str) -> ScannedText:
        """`text` cleaned, tokenised and scanned; once per message for each text (memo.per_message)."""
        return remembered((self, "scanned"), text, lambda: self._scan_text(text))

    def _scan_text(self, text: str) -> ScannedText:
        cleaned = clean(text)
        toks = tokens_of_cleaned(cleaned)
        return ScannedText(cleaned, toks, self.scan(toks, cleaned))


def _hyphen(text: str, toks: list[Token], left: int, right: int) -> bool:
    """Whether tokens `left` and `right` are joined by a hyphen ("Inter-American")."""
    if left < 0 or right >= len(toks):
        return False
    return text[toks[left].end:toks[right].start] in ("-", "\u2010", "\u2011", "\u2013")


_ADJACENT_RE = re.compile(r"[\s,()\-\u2013]*")


def _adjacent(text: str, toks: list[Token], left: int, right: int) -> bool:
    """Whether two tokens belong to one name as written: nothing but spaces, a comma, brackets or a
    hyphen between them ("Congo, Democratic Republic of"); not "、" between two names in a list."""
    if left < 0 or right >= len(toks):
        return False
    return _ADJACENT_RE.fullmatch(text[toks[left].end:toks[right].start]) is not None


def crossing_words(by_first: dict) -> dict[str, dict[str, set[str]]]:
    """For each state's name found inside another state's longer name, the other words of that
    longer name and whose they are: "guinea" -> {"equatorial": {"GNQ"}, "bissau": {"GNB"}, ...}.

    Built from the reference data; the words that may sit between an author phrase and a name
    ("the", "of", "republic") are left out: "Republic of the Congo" is the Congo's own name.
    """
    entries = [(key, entry) for bucket in by_first.values() for key, entry in bucket
               if entry.kind == "name" and len(entry.states) == 1]
    common = {fold_phrase(word)[0] for word in FILLERS + SEPARATORS if fold_phrase(word)}
    by_length: dict[int, list] = {}
    for key, entry in entries:
        by_length.setdefault(len(key), []).append((key, entry))
    crossing: dict[str, dict[str, set[str]]] = {}
    short_keys = {key: entry for key, entry in entries if len(key) <= 2}
    for key, entry in entries:
        for size in range(1, min(len(key), 3)):
            for start in range(len(key) - size + 1):
                inner = key[start:start + size]
                owner = short_keys.get(inner)
                if owner is None or owner.states == entry.states:
                    continue
                for word in key[:start] + key[start + size:]:
                    if word not in common and word not in inner:
                        crossing.setdefault(" ".join(inner), {}).setdefault(word, set()).update(entry.states)
    return crossing


def match_keys(names: dict, aliases: dict, adjectives: dict, local_names: dict | None = None) -> list[tuple[str, str]]:
    """(kind, folded tokens joined by spaces) for every form of a state's names.

    `local_names` are CLDR names in other official languages ({locale: name}).

    The build script stores these in data/member_states.json so that loading does no folding.
    """
    keys: dict[str, str] = {}
    for language, forms in names.items():
        for name in {forms["cldr"], forms["un"], forms["formal"]} - {None}:
            _name_keys(name, language, keys)
    for language, words in aliases.items():
        for alias in words:
            _name_keys(alias, language, keys)
    for locale, name in (local_names or {}).items():
        keys.setdefault(" ".join(fold_phrase(name)), "name")
    for words in adjectives.values():
        for word in words:
            keys.setdefault(" ".join(fold_phrase(word)), "adjective")
    return sorted((kind, key) for key, kind in keys.items() if key)


def _name_keys(name: str, language: str, keys: dict[str, str]) -> None:
    variants = case_forms(name) if language == "ru" else {name}
    # "the Niger", "the Sudan": the article belongs to the name, but may be left out.
    if language == "en" and name.lower().startswith("the "):
        variants.add(name[4:])
    for variant in variants:
        keys[" ".join(fold_phrase(variant))] = "name"


def _first_token_variants(word: str) -> list[str]:
    """The word, and for Arabic the word without its clitic prefixes (و ف ب ك ل, لل → ال)."""
    variants = [word]
    if not word or not ("\u0600" <= word[0] <= "\u06ff"):
        return variants
    frontier = [word]
    for _ in range(2):
        following = []
        for variant in frontier:
            if variant.startswith("لل") and len(variant) > 3:
                following.append("ال" + variant[2:])
            if variant[0] in _ARABIC_CLITICS and len(variant) > 3:
                following.append(variant[1:])
        variants.extend(following)
        frontier = following
    return variants
