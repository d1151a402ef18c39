"""Stage `extract`: text and a status for every attached document (inline images excepted)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from parsers.types import Attachment, ParsedMessage

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


# Report parts (DSN, MDN, returned headers) are kept for bounce matching, but they are not documents.
REPORT_PART_TYPES = frozenset({
    "message/delivery-status", "message/global-delivery-status", "text/rfc822-headers",
    "message/rfc822-headers", "message/disposition-notification", "message/feedback-report",
})


def documents(parsed: ParsedMessage) -> list[tuple[Attachment, bool]]:
    """Attachments that can be contributions' documents, with whether they came from a forward."""
    found = [(attachment, False) for attachment in parsed.attachments
             if not attachment.is_inline_image and attachment.declared_type.lower() not in REPORT_PART_TYPES]
    for inner in parsed.forwarded:
        found.extend((attachment, True) for attachment, _ in documents(inner))
    return found


def run(item, runtime: Runtime) -> None:
    run_batch([item], runtime)


def run_batch(items, runtime: Runtime) -> None:
    """One call to the extractor for every document of these messages: the pool works in parallel."""
    _guess_body_languages(items, runtime)
    wanted: dict[str, tuple] = {}
    for item in items:
        for att, _forwarded in documents(item.parsed):
            wanted.setdefault(att.sha256, (att.sha256, att.data, att.sniffed_type, att.filename))
    results = runtime.extractor.extract_all(list(wanted.values())) if wanted else {}
    for item in items:
        item.extracts = {att.sha256: results[att.sha256] for att, _ in documents(item.parsed)
                         if att.sha256 in results}
        item.language = _message_language(item)


def run_stream(next_items, on_ready, runtime: Runtime, stopped) -> None:
    """Messages come in as `next_items(block)` gives them (None: no more); each goes to `on_ready`
    as soon as its own documents are read, so one slow document holds only its own message."""
    waiting: dict[str, list] = {}          # document sha256 -> messages still waiting for it
    missing: dict[int, set[str]] = {}      # id(message) -> its documents not read yet

    def ready(item) -> None:
        missing.pop(id(item), None)
        item.language = _message_language(item)
        on_ready(item)

    def take(block: bool):
        items = next_items(block)
        if items is None:
            return None
        if items:
            runtime.faults.hit("before_extract")
            _guess_body_languages(items, runtime)
        jobs: list = []
        for item in items:
            wanted = {att.sha256: att for att, _ in documents(item.parsed)} if item.parsed else {}
            if not wanted:
                ready(item)
                continue
            missing[id(item)] = set(wanted)
            for sha, att in wanted.items():
                if sha not in waiting:
                    jobs.append((sha, att.data, att.sniffed_type, att.filename))
                waiting.setdefault(sha, []).append(item)
        if jobs:
            # Nothing to attribute until the first documents are read: the name tables the
            # attribution of these messages needs are built meanwhile, not after.
            runtime.attribution_context.tables.build_soon()
        return jobs

    def emit(sha: str, result) -> None:
        for item in waiting.pop(sha, []):
            item.extracts[sha] = result
            missing[id(item)].discard(sha)
            if not missing[id(item)]:
                ready(item)

    runtime.extractor.extract_stream(take, emit, stopped)


def _guess_body_languages(items, runtime: Runtime) -> None:
    """Each message's body language, guessed for the group at once (see extraction/languages.py)."""
    guesses = runtime.languages.guess([item.parsed.body_text if item.parsed else "" for item in items])
    for item, language in zip(items, guesses):
        item.language = language


def _message_language(item) -> str | None:
    """The language of the body (guessed with its group), else the most common language of the documents."""
    if item.language:
        return item.language
    counted = Counter(result.language for result in item.extracts.values() if result.language)
    return counted.most_common(1)[0][0] if counted else None

