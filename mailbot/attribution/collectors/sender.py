"""The From address: focal points, government domains, country-code domains, providers."""
from __future__ import annotations

from fnmatch import fnmatch

from mailbot.attribution.evidence import Evidence, evidence


def domain_suffixes(domain: str) -> list[str]:
    """'mfa.gov.ke' -> ['mfa.gov.ke', 'gov.ke', 'ke']."""
    labels = domain.lower().strip(".").split(".")
    return [".".join(labels[index:]) for index in range(len(labels))]


def organisation_of(domain: str, ctx) -> tuple[str, str] | None:
    """(organisation id, category) for a non-member domain, academia by pattern, or None."""
    for suffix in domain_suffixes(domain):
        if suffix in ctx.org_domains:
            return ctx.org_domains[suffix]
    if any(fnmatch(domain, pattern) for pattern in ctx.reference.academia_globs):
        return domain, "academia"
    return None


def gov_state_of(domain: str, ctx) -> tuple[str, str] | None:
    """(state, matched government domain) when the domain is at or under a government domain."""
    for suffix in domain_suffixes(domain):
        if suffix in ctx.gov_domains:
            return ctx.gov_domains[suffix], suffix
    return None


def address_evidence(collector: str, address: str, ctx, *, kind_override: str | None = None) -> list[Evidence]:
    """Evidence about one address; `kind_override` turns every finding into that kind (Reply-To)."""
    address = address.lower()
    domain = address.rpartition("@")[2]
    found: list[Evidence] = []
    point = ctx.reference.focal_point(address)
    if point is not None:
        found.append(evidence(collector, kind_override or "focal_point", (point.state,),
                              f"{address} is a focal point of {point.state} ({point.name or point.role})"))
    if domain in ctx.reference.providers:
        found.append(Evidence(collector, "provider", (), 0.0,
                              f"{domain} is a public mail provider: no evidence of a country"))
        return found
    organisation = organisation_of(domain, ctx)
    if organisation is not None:
        found.append(Evidence(collector, "org", (), 0.0, f"{domain} belongs to {organisation[0]}",
                              org=organisation[0], category=organisation[1]))
        return found
    government = gov_state_of(domain, ctx)
    if government is not None:
        found.append(evidence(collector, kind_override or "gov_domain", (government[0],),
                              f"{domain} is under the government domain {government[1]}"))
        return found
    tld = domain.rpartition(".")[2]
    state = ctx.cctlds.get(tld)
    if state is not None and kind_override is None:
        if ctx.reference.states[state].weak_cctld:
            found.append(Evidence(collector, "mention", (state,), 0.0,
                                  f".{tld}: host country of the missions, not evidence"))
        else:
            found.append(evidence(collector, "cctld", (state,), f"{domain}: country-code domain .{tld}"))
    return found


def collect_sender(view, ctx) -> list[Evidence]:
    if view.sender is None:
        return []
    return address_evidence("sender", view.sender.address, ctx)
