"""Turning authorship findings into evidence, shared by the content collectors."""
from __future__ import annotations

from mailbot.attribution.authorship import Finding
from mailbot.attribution.evidence import Evidence, evidence


def to_evidence(collector: str, findings: list[Finding], kinds: dict[str, str], where: str) -> list[Evidence]:
    """Map each finding's `how` to an evidence kind; unmapped or negated findings become mentions."""
    found: list[Evidence] = []
    mentioned: list[str] = []
    for finding in findings:
        kind = kinds.get(finding.how)
        if kind is None or finding.negated:
            mentioned.extend(finding.states)
            continue
        if finding.ambiguous:
            found.append(Evidence(collector, "ambiguous", (), 0.0,
                                  f"{where}: ambiguous name {', '.join(finding.ambiguous)!r} in "
                                  f"{finding.snippet!r}"))
        for org, category in finding.orgs:
            found.append(Evidence(collector, "org", (), 0.0, f"{where}: {finding.snippet!r}",
                                  org=org, category=category))
        if finding.states:
            found.append(evidence(collector, kind, finding.states, f"{where}: {finding.snippet!r}"))
    if mentioned:
        unique = tuple(dict.fromkeys(mentioned))
        found.append(Evidence(collector, "mention", unique, 0.0,
                              f"{where}: mentioned only ({', '.join(unique)})"))
    return found
