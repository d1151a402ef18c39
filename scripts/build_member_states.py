"""Build data/member_states.json from Babel's CLDR names and data/member_states_overrides.toml.

Run it after editing the overrides file:  python scripts/build_member_states.py
`--check` exits 1 when the JSON on disk differs from what the script would write (used by the tests).
"""
from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from babel import Locale
from babel.core import UnknownLocaleError, get_global
from babel.languages import get_official_languages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mailbot.attribution.names import match_keys  # noqa: E402  (the folding the index uses)
from mailbot.attribution.text import clean, fold_phrase, tokens  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "data" / "member_states_overrides.toml"
OUTPUT = ROOT / "data" / "member_states.json"
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
ABOUT = {
    "what": "The 193 ITU Member States: codes, names in the six UN languages, aliases, domains.",
    "generated_by": "scripts/build_member_states.py (do not edit by hand)",
    "sources": {
        "alpha2, alpha3": "ISO 3166-1, checked against CLDR territory code aliases (Babel)",
        "names.*.cldr": "Babel / Unicode CLDR territory display names",
        "names.*.un": "data/member_states_overrides.toml: UN short name where it differs from CLDR",
        "names.*.formal": "data/member_states_overrides.toml: UN formal names",
        "aliases, adjectives, acronyms": "data/member_states_overrides.toml: common and former names",
        "gov_domains": "data/member_states_overrides.toml: known government and regulator domains",
        "cctld": "ISO 3166-1 alpha-2 lower-cased, or the override (GBR: uk)",
        "local_names": "Babel / Unicode CLDR territory names in every other language official (de jure or de "
                       "facto) in a Member State; a name another state also has in any language is left out",
        "match_keys": "derived: every name folded (and declined in Russian) as the name index reads it",
    },
}


def build(overrides: dict) -> dict:
    territory_names = {language: Locale.parse(language).territories for language in LANGUAGES}
    code_aliases = get_global("territory_aliases")
    states = []
    for alpha3, entry in overrides.items():
        alpha2 = entry["a2"]
        if code_aliases.get(alpha3) != [alpha2]:
            raise SystemExit(f"{alpha3}: CLDR maps it to {code_aliases.get(alpha3)}, not {alpha2}")
        names = {}
        for language in LANGUAGES:
            cldr = territory_names[language][alpha2]
            names[language] = {
                "cldr": cldr,
                "un": entry.get("un", {}).get(language, cldr),
                "formal": entry.get("formal", {}).get(language),
            }
        aliases = {lang: list(values) for lang, values in entry.get("aliases", {}).items()}
        adjectives = {lang: list(values) for lang, values in entry.get("adj", {}).items()}
        states.append({
            "alpha3": alpha3,
            "alpha2": alpha2,
            "cctld": entry.get("cctld", alpha2.lower()),
            "weak_cctld": bool(entry.get("weak_cctld", False)),
            "names": names,
            "aliases": aliases,
            "adjectives": adjectives,
            "acronyms": list(entry.get("acronyms", [])),
            "gov_domains": [domain.lower() for domain in entry.get("gov", [])],
        })
    _add_local_names(states)
    for state in states:
        state["match_keys"] = [list(pair) for pair in match_keys(state["names"], state["aliases"], state["adjectives"],
                                                                 state["local_names"])]
    states.sort(key=lambda state: state["alpha3"])
    return {"about": ABOUT, "states": states}


def official_locales(alpha2s) -> list[str]:
    """CLDR locales of the languages official in any Member State, besides the six UN languages."""
    found = set()
    for alpha2 in alpha2s:
        found.update(get_official_languages(alpha2, de_facto=True))
    usable = []
    for code in sorted(found - set(LANGUAGES)):
        try:
            if Locale.parse(code).territories:
                usable.append(code)
        except (UnknownLocaleError, ValueError):
            continue
    return usable


def _add_local_names(states: list[dict]) -> None:
    """Each state's CLDR name in every official locale, unless the folded name is ambiguous.

    Ambiguity is read from the data itself: a folded name that is another state's name in any
    language (the six, or another locale) is left out for both, as is a one-letter name.
    """
    six = {}
    for state in states:
        for key in _keys(state["names"], state["aliases"], state["adjectives"], {}):
            six.setdefault(key, set()).add(state["alpha3"])
    locales = official_locales(state["alpha2"] for state in states)
    owners: dict[str, set[str]] = {}
    candidates: dict[str, dict[str, str]] = {state["alpha3"]: {} for state in states}
    for locale in locales:
        territories = Locale.parse(locale).territories
        articles = _articles([territories.get(state["alpha2"]) or "" for state in states])
        for state in states:
            name = _without_article(territories.get(state["alpha2"]) or "", articles)
            if not name:
                continue
            key = " ".join(fold_phrase(name))
            if len(key.replace(" ", "")) < 2:
                continue
            owners.setdefault(key, set()).add(state["alpha3"])
            candidates[state["alpha3"]][locale] = name
    for state in states:
        kept = {}
        own = set(get_official_languages(state["alpha2"], de_facto=True))
        for locale, name in candidates[state["alpha3"]].items():
            key = " ".join(fold_phrase(name))
            if owners[key] == {state["alpha3"]} and six.get(key, {state["alpha3"]}) == {state["alpha3"]} \
                    and key not in six and (locale.split("_")[0] in own or not _short_word(key)):
                kept[locale] = name
        state["local_names"] = kept


def _short_word(key: str) -> bool:
    """One Latin-script word of at most four letters ("End", Wolof for India; "Laws", "Malt"): in
    a language not the state's own, such a name is far likelier an ordinary word of some other text."""
    return " " not in key and len(key) <= 4 and key.isascii() and key.isalpha()


def _articles(names: list[str]) -> set[str]:
    """Short words that open many of a locale's names: articles (Irish "An", Maltese "Il-")."""
    firsts = [fold_phrase(name)[0] for name in names if fold_phrase(name)]
    return {word for word in set(firsts) if len(word) <= 3 and firsts.count(word) >= 20}


def _without_article(name: str, articles: set[str]) -> str:
    words = tokens(name)
    if len(words) > 1 and words[0].norm in articles:
        return clean(name)[words[1].start:]
    return name


def _keys(names, aliases, adjectives, local) -> set[str]:
    return {key for _, key in match_keys(names, aliases, adjectives, local)}


def render() -> str:
    overrides = tomllib.loads(OVERRIDES.read_text(encoding="utf-8"))
    return json.dumps(build(overrides), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python scripts/build_member_states.py")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    count = len(json.loads(text)["states"])
    print(f"wrote {OUTPUT} ({count} states)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
