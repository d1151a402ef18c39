"""The authorship findings of one document's text: found where the document is read (an extraction
worker, in parallel) or, when those are missing or were found with other name tables, here.

Both places run the same `find` on the same strings with name tables built from the same reference
data (`reference_key` says which), so the findings, and every decision made of them, are the same."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from mailbot.attribution.authorship import Analyser, Finding, PhraseTables
from mailbot.attribution.names import NameIndex
from mailbot.reference import ReferenceData
from parsers.types import ExtractResult

TITLE_LINES = 15             # the first page's title block: its first non-empty lines
TITLE_CHARS = 3000
TEXT_CHARS = 30000           # of the rest: enough for a cover letter, bounded for a book
FIRST_PAGE_CHARS = 4000      # a document without page breaks: its start stands for the first page
SCREEN_CHARS = 3000          # the screen's look at a document: does the start of its first page name a state
_KEYS_KEPT = 4


@dataclass(frozen=True)
class DocumentFindings:
    """What the title block and the rest of one document say about who wrote it."""

    key: str                          # reference_key of the name tables they were found with
    title: tuple[Finding, ...]
    text: tuple[Finding, ...] | None  # None: nothing after the title block
    names_state: bool                 # the start of the first page names a state (the screen's question)


def first_page(part: ExtractResult) -> str:
    """The text a document's title block is taken from."""
    return part.first_page_text or part.text[:FIRST_PAGE_CHARS]


def readable(part: ExtractResult) -> bool:
    """A read document with text: the ones attribution looks at."""
    return part.status == "ok" and bool(part.text or part.first_page_text)


def split(first: str, text: str) -> tuple[str, str]:
    """(title block, the rest of the text) as attribution reads them."""
    lines = [line for line in first.splitlines() if line.strip()]
    title, rest = "\n".join(lines[:TITLE_LINES]), "\n".join(lines[TITLE_LINES:])
    return title[:TITLE_CHARS], rest + "\n" + text[len(first):]


def find(analyser: Analyser, first: str, text: str, key: str) -> DocumentFindings:
    title, remainder = split(first, text)
    found_title = tuple(analyser.analyse(title, title_block=True))
    names_state = names_a_state(analyser.names, first)
    if not remainder.strip():
        return DocumentFindings(key, found_title, None, names_state)
    return DocumentFindings(key, found_title,
                            tuple(analyser.analyse(remainder[:TEXT_CHARS], title_block=False, short_lines=False)),
                            names_state)


def names_a_state(names: NameIndex, first: str) -> bool:
    """The screen's question of a document: does the start of its first page name a state."""
    start = first[:SCREEN_CHARS]
    return bool(start) and names.names_a_state(start)


def carried(findings: DocumentFindings | None, reference: ReferenceData) -> DocumentFindings | None:
    """The findings sent with a document's text when they were found with these reference data's
    name tables; None otherwise (a cached extraction, other reference data, no worker, a failed step)."""
    if findings is not None and findings.key == reference_key(reference):
        return findings
    return None


_keys: dict[int, tuple[ReferenceData, str]] = {}


def reference_key(reference: ReferenceData) -> str:
    """A digest of what the name tables are built from (states and organisations), once per object."""
    known = _keys.get(id(reference))
    if known is not None and known[0] is reference:
        return known[1]
    digest = hashlib.sha256(repr((sorted(reference.states.items()), reference.organisations)).encode()).hexdigest()
    if len(_keys) >= _KEYS_KEPT:
        _keys.clear()
    _keys[id(reference)] = (reference, digest)      # the object is held: its id is not reused meanwhile
    return digest


@dataclass(frozen=True)
class AnalyseRead:
    """The extraction workers' step after reading a document: its findings, sent back with its text.

    Pickled to each worker with the reference data it needs; the name tables are built there once."""

    states: dict
    organisations: tuple
    key: str
    preload: str = "mailbot.attribution.worker_tables"   # for the fork server: builds the usual tables

    @classmethod
    def of(cls, reference: ReferenceData) -> "AnalyseRead":
        return cls(dict(reference.states), tuple(reference.organisations), reference_key(reference))

    def __call__(self, result: ExtractResult) -> ExtractResult:
        return self._walk(result, _analyser(self))

    def _walk(self, part: ExtractResult, analyser: Analyser) -> ExtractResult:
        parts = tuple(self._walk(inner, analyser) for inner in part.parts)
        found = find(analyser, first_page(part), part.text, self.key) if readable(part) else None
        return replace(part, analysis=found, parts=parts) if found is not None or parts else part


_analysers: dict[str, Analyser] = {}


def prepare(reference: ReferenceData) -> None:
    """Build the analyser for these reference data now (in the fork server, before any worker)."""
    _analysers.setdefault(reference_key(reference), Analyser(NameIndex(reference), PhraseTables()))


def _analyser(step: AnalyseRead) -> Analyser:
    """The worker's analyser for these reference data: the fork server's, else built on its first document."""
    if step.key not in _analysers:
        if len(_analysers) >= _KEYS_KEPT:
            _analysers.clear()
        prepare(ReferenceData(states=step.states, organisations=step.organisations, academia_globs=(),
                              providers=frozenset(), focal_points=()))
    return _analysers[step.key]
