"""Every Member State falls in one of the five regions the Today page lists."""
from mailbot.correspondence.states import member_state_codes
from mailbot.web.regions import REGIONS, by_region, region_of_states


def test_every_member_state_has_a_region():
    regions = region_of_states()
    assert set(regions) == set(member_state_codes())
    assert set(regions.values()) == set(REGIONS)
    assert [regions[code] for code in ("ESP", "EGY", "BRA", "CHN", "FJI", "RUS", "MDV")] == \
        ["Europe", "Africa", "Americas", "Asia", "Oceania", "Europe", "Asia"]
    assert sum(1 for region in regions.values() if region == "Africa") == 54


def test_codes_outside_the_list_are_grouped_apart():
    assert by_region(["KEN", "XXX"]) == {"Africa": ["KEN"], "Other": ["XXX"]}
