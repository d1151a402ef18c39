"""One piece of evidence, and how much each kind of evidence weighs."""
from __future__ import annotations

from dataclasses import dataclass

# Weight of each kind of evidence, 0..1. Kinds combine by noisy-OR: two independent kinds at
# 0.7 and 0.6 give 0.88. A kind never counts twice (the strongest item of a kind is taken).
WEIGHTS = {
    "focal_point": 0.9,        # a known focal point address (authenticated sender)
    "gov_domain": 0.8,         # a government or regulator domain of the state
    "cctld": 0.3,              # the state's country-code domain, not a public provider
    "reply_to": 0.3,           # Reply-To at a government domain or focal point
    "display_name": 0.3,       # "Permanent Mission of Kenya" <someone@gmail.com>: weak alone
    "subject_author": 0.75,    # "Contribution from Kenya" in the subject
    "subject_title": 0.45,     # "KENYA - comments on the draft"
    "body_author": 0.6,        # "on behalf of the Government of Kenya, please find ..."
    "body_institution": 0.45,  # a short body line "Permanent Mission of Kenya"
    "signature": 0.6,          # "Permanent Mission of Kenya" under "Best regards"
    "doc_author": 0.9,         # "Contribution from the Republic of Kenya" on a document's first page
    "doc_label": 0.9,          # "Source: Kenya" at the start of a title-block line
    "doc_institution": 0.6,    # "Ministry of ICT, Republic of Kenya" in the title block
    "doc_title_line": 0.6,     # a title-block line that is only "REPUBLIC OF KENYA"
    "doc_text_author": 0.5,    # an author phrase further inside a document
    "forwarded_sender": 0.5,   # inner From of a forwarded message (cannot be authenticated)
    "consistent_mention": 0.3, # the authenticated sender's state is also named in the subject, body or signature
    "rule": 1.0,               # an admin rule decided
}

# Kinds that speak about the sender's address: they count only for an authenticated sender.
SENDER_KINDS = frozenset({"focal_point", "gov_domain", "cctld", "reply_to"})
# Kinds strong enough that, pointing at another state, they make the decision a conflict.
CONFLICT_WEIGHT = 0.6


@dataclass(frozen=True)
class Evidence:
    """What a collector found: for which states (or organisation), how strong, and where."""

    collector: str             # which collector (sender, subject, document, ...)
    kind: str                  # key of WEIGHTS, or "mention" (weight 0) / "org" / "ambiguous"
    states: tuple[str, ...] = ()
    weight: float = 0.0
    detail: str = ""           # what matched, where
    org: str | None = None     # organisation id for kind "org"
    category: str | None = None

    @property
    def joint(self) -> bool:
        return len(self.states) > 1


def evidence(collector: str, kind: str, states: tuple[str, ...], detail: str, **extra) -> Evidence:
    return Evidence(collector, kind, tuple(states), WEIGHTS.get(kind, 0.0), detail, **extra)
