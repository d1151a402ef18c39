"""Duplicates and revisions: pure functions over the contributions registered before this one."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from mailbot.attribution.phrases import REVISION_WORDS
from mailbot.attribution.text import fold_phrase, tokens


@dataclass(frozen=True)
class PriorContribution:
    """A contribution already in the register."""

    message_id: str
    states: tuple[str, ...]
    received_at: datetime
    sha256s: tuple[str, ...]          # its documents
    subject: str = ""


class History(Protocol):
    """What attribution asks the register (the lead implements it on Message/Attachment)."""

    def prior_contributions(self, states: tuple[str, ...], sha256s: tuple[str, ...], *,
                            before: datetime, exclude_message_id: str | None) -> list[PriorContribution]:
        """Contributions received before `before` sharing a state or a document sha256 with these."""


@dataclass
class InMemoryHistory:
    """A History over a list, for tests and for `explain FILE.eml`."""

    priors: list[PriorContribution] = field(default_factory=list)

    def add(self, prior: PriorContribution) -> None:
        self.priors.append(prior)

    def prior_contributions(self, states, sha256s, *, before, exclude_message_id=None):
        wanted_states, wanted_docs = set(states), set(sha256s)
        return [prior for prior in self.priors
                if prior.received_at < before and prior.message_id != exclude_message_id
                and (wanted_states & set(prior.states) or wanted_docs & set(prior.sha256s))]


def find_duplicate(states: tuple[str, ...], sha256s: tuple[str, ...], priors: list[PriorContribution],
                   received_at: datetime, window_days: int) -> tuple[PriorContribution | None, bool]:
    """The first contribution from the same state(s) with all these documents, and whether it is recent."""
    if not sha256s or not states:
        return None, False
    same = [prior for prior in priors
            if set(sha256s) <= set(prior.sha256s) and set(states) & set(prior.states)]
    if not same:
        return None, False
    first = min(same, key=lambda prior: prior.received_at)
    return first, received_at - first.received_at <= timedelta(days=window_days)


_REVISION_KEYS = {fold_phrase(word) for word in REVISION_WORDS}
_REVISION_FIRSTS = {key[0] for key in _REVISION_KEYS}


def revision_word(*texts: str) -> str | None:
    """The first 'revised'-like word in the texts (subject, file names, title blocks), or None."""
    for text in texts:
        # "contribution_rev1.docx": underscores and digits separate words in file names.
        words = [token.norm for token in tokens(re.sub(r"[_\d]+", " ", text))]
        for index, word in enumerate(words):
            if word not in _REVISION_FIRSTS:
                continue
            for key in _REVISION_KEYS:
                if tuple(words[index:index + len(key)]) == key:
                    return " ".join(key)
    return None


def find_revision(states: tuple[str, ...], sha256s: tuple[str, ...],
                  priors: list[PriorContribution]) -> PriorContribution | None:
    """The latest earlier contribution of the same state(s) with other documents."""
    if not states:
        return None
    earlier = [prior for prior in priors
               if set(states) & set(prior.states) and not set(sha256s) & set(prior.sha256s)]
    return max(earlier, key=lambda prior: prior.received_at) if earlier else None
