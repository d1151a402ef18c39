"""Find country and organisation names in a token stream, leftmost-longest, in six languages.

"Equatorial Guinea" is found before "Guinea", "Democratic Republic of the Congo" before "Congo",
"South Sudan" before "Sudan": at each position the longest known name wins, and a name is only
ever a whole sequence of tokens ("Niger" never matches inside "Nigeria").
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from mailbot.attribution.phrases import PERSON_LIKE
from mailbot.attribution.reference import ReferenceData
from mailbot.attribution.russian import case_forms
from mailbot.attribution.text import Token, fold_phrase, tokens

_AMBIGUOUS = {"korea": ("KOR", "PRK"), "korea s": ("KOR", "PRK"), "corea": ("KOR", "PRK"),
              "coree": ("KOR", "PRK"), "корея": ("KOR", "PRK"), "كوريا": ("KOR", "PRK")}
_ARABIC_CLITICS = "وفبكل"


@dataclass(frozen=True)
class NameEntry:
    states: tuple[str, ...]    # one state, or several for an ambiguous name ("Korea")
    kind: str                  # name | adjective | acronym | org
    org: str | None = None     # organisation id when kind == "org"
    org_category: str | None = None


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

    def scan(self, toks: list[Token]) -> list[NameMatch]:
        """Every name in `toks`, leftmost-longest, without overlaps."""
        norms = [token.norm for token in toks]
        found, index = [], 0
        for start in self._possible_starts(toks):
            if start < index:
                continue        # inside the previous name
            match = self._match_at(toks, norms, start)
            if match is None:
                continue
            if not self._person_name(toks, norms, match):
                found.append(match)
            index = match.end
        return found

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
        return self.scan(tokens(text))


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
