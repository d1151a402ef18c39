"""Acknowledgements of receipt (on time or late), from plain values so they are easy to test."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from mailbot.config import DEFAULT_TEMPLATES_DIR
from mailbot.consultation import LANGUAGES, Consultation
from mailbot.correspondence.language import choose_language  # noqa: F401  (part of this module's API)
from mailbot.correspondence.render import Rendered
from mailbot.correspondence.render_cache import render_filled
from mailbot.correspondence.states import state_name
from mailbot.errors import TemplateError


@dataclass(frozen=True)
class AckFile:
    filename: str
    size: int
    readable: bool
    reason: str = ""  # the extractor's sentence (English), shown when no status applies
    status: str | None = None  # ok, encrypted, image_only...: the templates explain it in the language


@dataclass(frozen=True)
class AckState:
    alpha3: str
    name: str  # in the acknowledgement's language


@dataclass(frozen=True)
class AckContext:
    receipt: str
    received_at: datetime  # aware (naive is read as UTC)
    sender_name: str
    subject: str
    files: tuple[AckFile, ...]
    states: tuple[AckState, ...]  # empty: attribution to be confirmed
    late: bool
    consultation: Consultation = field(repr=False)

    def __post_init__(self) -> None:
        # Accept plain tuples, as the brief's contract allows: (filename, size, readable, reason[, status]).
        object.__setattr__(self, "files", tuple(_as(AckFile, item) for item in self.files))
        object.__setattr__(self, "states", tuple(_as(AckState, item) for item in self.states))


def _as(kind: type, item: Any) -> Any:
    return item if isinstance(item, kind) else kind(*item)


def ack_event(ctx: AckContext) -> str:
    """`late_ack` when late and the policy says so, else `ack`."""
    return "late_ack" if ctx.late and ctx.consultation.late.late_notice else "ack"


def consultation_values(consultation: Consultation, lang: str) -> dict[str, Any]:
    """What every template may say about the call."""
    if lang not in LANGUAGES:
        raise TemplateError(f"no templates for language {lang!r} (choose one of {', '.join(LANGUAGES)})")
    next_step = None
    if consultation.next_milestone:
        milestone = consultation.milestone(consultation.next_milestone)
        next_step = {"label": french_spacing(milestone.label[lang], lang), "date": milestone.date,
                     "link": milestone.link_in(lang)}
    return {
        "title": french_spacing(consultation.title_in(lang), lang),
        "page": consultation.page_in(lang),
        "reference": consultation.reference,
        "inbox": consultation.inbox,
        "zone": consultation.timezone,
        "time_label": consultation.time_label[lang],
        "deadline": consultation.deadline_date,
        "deadline_end_of_day": not isinstance(consultation.deadline, datetime),
        "deadline_at": consultation.deadline_at,
        "next_step": next_step,
    }


_FRENCH_SPACE = re.compile(r" ([:;?!])")


def french_spacing(text: str, lang: str) -> str:
    """French puts a non-breaking space before : ; ? ! (the consultation file's texts are typed with a
    plain one, which lets the sign wrap alone onto the next line)."""
    return _FRENCH_SPACE.sub("\u00a0\\1", text) if lang == "fr" else text


def render_ack(ctx: AckContext, lang: str, *, templates_dir: Path = DEFAULT_TEMPLATES_DIR) -> Rendered:
    values = {
        **consultation_values(ctx.consultation, lang),
        "receipt": ctx.receipt,
        "received_at": ctx.received_at,
        "sender_name": ctx.sender_name,
        "original_subject": ctx.subject,
        "files": [vars(item) for item in ctx.files],
        "states": [vars(item) for item in ctx.states],
        # the late notice shows only where the policy asks for it (the register flags lateness anyway)
        "late": ack_event(ctx) == "late_ack",
    }
    # The sender's name, their subject, the receipt, the time, each file's name and size and each
    # state's name are filled into a render shared by every acknowledgement of the same shape
    # (language, how many files and whether each was read, how many states, late): see render_cache.
    return render_filled("states", ack_event(ctx), lang, values, ACK_SLOTS, templates_dir=templates_dir,
                         item_slots=ACK_ITEM_SLOTS)


ACK_SLOTS = ("receipt", "received_at", "sender_name", "original_subject")
ACK_ITEM_SLOTS = {"files": ("filename", "size"), "states": ("alpha3", "name")}


def names_in(states: Iterable[str], lang: str) -> tuple[AckState, ...]:
    """AckState rows for alpha-3 codes, named in `lang`."""
    return tuple(AckState(code, state_name(code, lang)) for code in states)
