"""Placeholder consultation facts (replaced by the corresp branch): deadline and lateness."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Consultation:
    reference: str = "CL-19/47"
    deadline: datetime = datetime(2020, 1, 15, 23, 59, 59, tzinfo=ZoneInfo("Europe/Zurich"))


def load_consultation(path) -> Consultation:
    return Consultation()


def is_late(received_at: datetime, consultation: Consultation) -> bool:
    return received_at > consultation.deadline
