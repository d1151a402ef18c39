"""Everything attribution needs for a run, loaded once: settings, reference data, rules, history."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from mailbot.attribution.authorship import Analyser, PhraseTables
from mailbot.attribution.history import History, InMemoryHistory
from mailbot.attribution.names import NameIndex
from mailbot.attribution.reference import NON_MEMBERS_FILE, ReferenceData, load_reference
from mailbot.attribution.rules import RuleSet, load_rules_or_raise
from mailbot.config import AttributionSettings, Settings


@dataclass(frozen=True)
class AttributionContext:
    settings: AttributionSettings
    reference: ReferenceData
    names: NameIndex
    analyser: Analyser
    rules: RuleSet
    history: History
    gov_domains: dict[str, str]           # government domain -> alpha-3
    cctlds: dict[str, str]                # country-code TLD -> alpha-3
    org_domains: dict[str, tuple[str, str]]   # domain -> (organisation id, category)
    dns_func: Callable[..., Any] | None = None   # dkimpy DNS lookups (tests pass a fake)


def build_context(settings: AttributionSettings, reference: ReferenceData, rules: RuleSet,
                  history: History | None = None, dns_func=None) -> AttributionContext:
    names = NameIndex(reference)
    gov_domains = {domain: state.alpha3 for state in reference.states.values() for domain in state.gov_domains}
    cctlds = {state.cctld: state.alpha3 for state in reference.states.values()}
    org_domains = {domain: (org.id, org.category) for org in reference.organisations for domain in org.domains}
    return AttributionContext(settings, reference, names, Analyser(names, PhraseTables()), rules,
                              history if history is not None else InMemoryHistory(),
                              gov_domains, cctlds, org_domains, dns_func)


def load_context(settings: Settings, history: History | None = None, dns_func=None) -> AttributionContext:
    """Load reference data and rules (RuleError with file, line and reason on a bad file)."""
    focal_points = Path(settings.attribution.focal_points)
    reference = load_reference(focal_points_file=focal_points)
    rules = load_rules_or_raise(Path(settings.rules.dir), reference.states,
                                extra_files=(focal_points, NON_MEMBERS_FILE))
    return build_context(settings.attribution, reference, rules, history, dns_func)
