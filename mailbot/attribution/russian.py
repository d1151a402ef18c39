"""Case forms of Russian country names, so "Вклад Кении" and "Республики Казахстан" are found.

Only the leading adjectives and the head noun decline ("Соединенные Штаты Америки" keeps
"Америки"); indeclinable names (Того, Перу, Чили) keep one form. Irregular names are listed as
aliases in the overrides file instead.
"""
from __future__ import annotations

# ending -> (genitive, dative, accusative, instrumental, prepositional) replacements.
_ADJECTIVE_ENDINGS = {
    "ская": ("ской", "ской", "скую", "ской", "ской"),
    "ая": ("ой", "ой", "ую", "ой", "ой"),
    "яя": ("ей", "ей", "юю", "ей", "ей"),
    "ое": ("ого", "ому", "ое", "ым", "ом"),
    "ые": ("ых", "ым", "ые", "ыми", "ых"),
    "ие": ("их", "им", "ие", "ими", "их"),
    "ый": ("ого", "ому", "ый", "ым", "ом"),
    "ий": ("ого", "ому", "ий", "им", "ом"),
}
_NOUN_ENDINGS = {
    "ия": ("ии", "ии", "ию", "ией", "ии"),
    "ея": ("еи", "ее", "ею", "еей", "ее"),
    "я": ("и", "е", "ю", "ей", "е"),
    "ка": ("ки", "ке", "ку", "кой", "ке"),
    "га": ("ги", "ге", "гу", "гой", "ге"),
    "ша": ("ши", "ше", "шу", "шей", "ше"),
    "а": ("ы", "е", "у", "ой", "е"),
    "ство": ("ства", "ству", "ство", "ством", "стве"),
    "ь": ("я", "ю", "ь", "ем", "е"),
    "й": ("я", "ю", "й", "ем", "е"),
    "ы": ("ов", "ам", "ы", "ами", "ах"),
}
_INDECLINABLE_ENDINGS = ("о", "у", "и", "е", "э", "ю")
_CONSONANT_ENDINGS = ("а", "у", "", "ом", "е")


def _is_adjective(word: str) -> bool:
    return word.endswith(tuple(_ADJECTIVE_ENDINGS))


def _decline(word: str, table: dict, case: int) -> str:
    for ending in sorted(table, key=len, reverse=True):
        if word.endswith(ending):
            return word[: len(word) - len(ending)] + table[ending][case]
    return word


def _decline_noun(word: str, case: int) -> str:
    if "-" in word:
        head, _, last = word.rpartition("-")
        return f"{head}-{_decline_noun(last, case)}"
    if word.endswith(_INDECLINABLE_ENDINGS) and not word.endswith("ство"):
        return word
    lower = word.lower()
    if any(lower.endswith(ending) for ending in _NOUN_ENDINGS):
        return _decline(word, _NOUN_ENDINGS, case)
    if lower[-1:].isalpha():
        return word + _CONSONANT_ENDINGS[case]
    return word


def case_forms(name: str) -> set[str]:
    """The nominative and the five oblique singular forms of a country name."""
    words = name.split()
    forms = {name}
    for case in range(5):
        declined, head_done = [], False
        for word in words:
            if head_done or word.startswith("("):
                declined.append(word)
            elif _is_adjective(word.lower()) and len(word) > 3:
                declined.append(_decline(word, _ADJECTIVE_ENDINGS, case))
            else:
                declined.append(_decline_noun(word, case))
                head_done = True
        forms.add(" ".join(declined))
    return forms
