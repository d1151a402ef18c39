"""Member States grouped by world region, from the continents of each state's CLDR time zones
(the most common one), with the few states whose zones do not say it set by hand."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from babel.core import get_global

from mailbot.reference import member_states

# The first part of a CLDR time zone -> region; island states in the oceans, and states whose zones
# are split evenly or lean the other way (Russia has more Asian zones), by hand.
CONTINENTS = {"Africa": "Africa", "America": "Americas", "Asia": "Asia", "Europe": "Europe",
              "Pacific": "Oceania", "Australia": "Oceania"}
ISLANDS = {"COM": "Africa", "CPV": "Africa", "MDG": "Africa", "MUS": "Africa", "SYC": "Africa",
           "MDV": "Asia", "ISL": "Europe", "PRT": "Europe", "ESP": "Europe", "RUS": "Europe",
           "ECU": "Americas", "TUR": "Asia"}
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")


@lru_cache(maxsize=1)
def region_of_states() -> dict[str, str]:
    """alpha-3 -> region for every Member State."""
    zones = get_global("territory_zones")
    regions = {}
    for code, state in member_states().items():
        continents = Counter(CONTINENTS.get(zone.split("/")[0], "Other") for zone in zones.get(state.alpha2, ()))
        regions[code] = ISLANDS.get(code) or (continents.most_common(1)[0][0] if continents else "Other")
    return regions


def by_region(codes) -> dict[str, list[str]]:
    """The codes grouped by region, in REGIONS order (codes outside the list of states under Other)."""
    regions = region_of_states()
    grouped: dict[str, list[str]] = {region: [] for region in REGIONS}
    for code in sorted(codes):
        grouped.setdefault(regions.get(code, "Other"), []).append(code)
    return {region: items for region, items in grouped.items() if items}
