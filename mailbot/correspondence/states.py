"""Member State codes and display names for correspondence, from the shared reference data
(data/member_states.json: UN short names in the six languages, built from CLDR with UN forms)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from mailbot.reference import MemberState, member_states


def _states() -> Mapping[str, MemberState]:
    return member_states()


def member_state_codes() -> tuple[str, ...]:
    """Alpha-3 codes of every ITU Member State, sorted."""
    return tuple(sorted(_states()))


@lru_cache(maxsize=4096)
def state_name(alpha3: str, lang: str) -> str:
    """The UN short name of the state in `lang` (English where that language has none); the code
    itself for a code that is not a Member State."""
    state = _states().get(alpha3)
    if state is None:
        return alpha3
    names = state.names.get(lang) or state.names["en"]
    return names.get("un") or names.get("cldr") or state.name
