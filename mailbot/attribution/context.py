"""Everything attribution needs for a run, loaded once: settings, reference data, rules, history."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from mailbot.attribution.authorship import Analyser, PhraseTables
from mailbot.attribution.history import History, InMemoryHistory
from mailbot.attribution.names import NameIndex
from mailbot.consultation import load_consultation
from mailbot.reference import NON_MEMBERS_FILE, ReferenceData, reference_data
from mailbot.attribution.rules import RuleSet, load_rules_or_raise
from mailbot.attribution.signals import Ours
from mailbot.attribution.text import fold
from mailbot.config import AttributionSettings, Settings
from mailbot.errors import MailbotError


class NameTables:
    """The name index and the analyser of some reference data, built on first use: a run with no mail
    to attribute (most polls) does not pay ~0.25 s for them at start."""

    def __init__(self, reference: ReferenceData):
        self._reference = reference
        self._lock = threading.Lock()          # the web desk attributes from several threads
        self._built: tuple[NameIndex, Analyser] | None = None
        self._building = False                 # a build_soon thread is on it

    def build_soon(self) -> None:
        """Build them in a thread now, while this process waits for something else (the first
        documents being read); `get` waits for that build rather than starting its own."""
        with self._lock:
            if self._built is not None or self._building:
                return
            self._building = True
        threading.Thread(target=self._build_quietly, name="name-tables", daemon=True).start()

    def _build_quietly(self) -> None:
        try:
            self.get()
        except Exception:  # noqa: BLE001 - the first real use builds them again and reports the failure
            pass

    def get(self) -> tuple[NameIndex, Analyser]:
        if self._built is None:
            with self._lock:
                if self._built is None:
                    names = NameIndex(self._reference)
                    self._built = (names, Analyser(names, PhraseTables()))
        return self._built


@dataclass(frozen=True)
class AttributionContext:
    settings: AttributionSettings
    reference: ReferenceData
    tables: NameTables
    rules: RuleSet
    history: History
    gov_domains: dict[str, str]           # government domain -> alpha-3
    cctlds: dict[str, str]                # country-code TLD -> alpha-3
    org_domains: dict[str, tuple[str, str]]   # domain -> (organisation id, category)
    dns_func: Callable[..., Any] | None = None   # dkimpy DNS lookups (tests pass a fake)
    ours: Ours = Ours()                            # our domains, receipt prefix and call, for signals

    @property
    def names(self) -> NameIndex:
        return self.tables.get()[0]

    @property
    def analyser(self) -> Analyser:
        return self.tables.get()[1]


def build_context(settings: AttributionSettings, reference: ReferenceData, rules: RuleSet,
                  history: History | None = None, dns_func=None, ours: Ours | None = None) -> AttributionContext:
    gov_domains = {domain: state.alpha3 for state in reference.states.values() for domain in state.gov_domains}
    cctlds = {state.cctld: state.alpha3 for state in reference.states.values()}
    org_domains = {domain: (org.id, org.category) for org in reference.organisations for domain in org.domains}
    return AttributionContext(settings, reference, NameTables(reference), rules,
                              history if history is not None else InMemoryHistory(),
                              gov_domains, cctlds, org_domains, dns_func, ours or Ours())


def ours_of(settings: Settings) -> Ours:
    """Our domains, staff domains, receipt prefix, circular and title words, from the settings."""
    mail = settings.mail
    domains = tuple(dict.fromkeys(filter(None, (mail.domain.lower().strip("."),
                                                mail.from_address.rpartition("@")[2].lower()))))
    try:
        consultation = load_consultation(settings.consultation.file)
    except (MailbotError, OSError, ValueError):
        return Ours(domains, mail.our_staff_domains)
    return Ours(domains, mail.our_staff_domains, consultation.receipt_prefix, consultation.reference,
                topic_words(consultation.title.values()))


def topic_words(titles) -> tuple[str, ...]:
    """Distinctive words of the consultation's titles: acronyms in brackets and words of 9+ letters."""
    found: dict[str, None] = {}
    for title in titles:
        for acronym in re.findall(r"[(（]([^)）]{2,10})[)）]", title):
            found[fold(acronym).strip()] = None
        for word in re.findall(r"\w{9,}", title):
            folded = fold(word)
            if folded not in _COMMON_LONG_WORDS:
                found[folded] = None
    return tuple(found)


# Long words any consultation's title may have: they tell one call from another poorly.
_COMMON_LONG_WORDS = frozenset(fold(word) for word in (
    "guidelines", "utilization", "utilisation", "utilizacion", "contributions", "contribuciones",
    "directrices", "miembros", "membres", "государств", "использованию", "руководящие", "указания",
    "Государств-Членов", "Programme", "programa", "программы", "contribution", "international"))


def load_context(settings: Settings, history: History | None = None, dns_func=None) -> AttributionContext:
    """Load reference data and rules (RuleError with file, line and reason on a bad file)."""
    focal_points = Path(settings.attribution.focal_points)
    reference = reference_data(focal_points)
    rules = load_rules_or_raise(Path(settings.rules.dir), reference.states,
                                extra_files=(focal_points, NON_MEMBERS_FILE))
    return build_context(settings.attribution, reference, rules, history, dns_func, ours_of(settings))
