"""The acknowledgement decision: one value, made by the acknowledge stage, written by record."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AckOutcome(StrEnum):
    """What happens to the sender's acknowledgement."""

    SEND = "send"                    # queued for delivery
    HELD = "held"                    # written to the outbox but kept until `mailbot ack release`
    NONE = "none"                    # no acknowledgement, for the reason given


class AckPurpose(StrEnum):
    """Which message is (or would be) sent: the outbox purpose and the template's name."""

    ACK = "ack"
    LATE_ACK = "late_ack"
    RESEND_NOTICE = "resend_notice"  # "already registered on DATE under GCA-2020-00NN"


ACK_PURPOSES = tuple(purpose.value for purpose in AckPurpose)


@dataclass(frozen=True)
class AckDecision:
    """Send, hold or not; which message; and why, in words (shown by `show` and `explain`)."""

    outcome: AckOutcome = AckOutcome.NONE
    purpose: AckPurpose | None = None
    reason: str = ""
    first_copy_pk: int | None = None          # resend notices: the register row of the first copy
    event: tuple[str, str, str] | None = None  # (kind, dedupe, detail) for staff, written by record

    @property
    def queues(self) -> bool:
        """Whether the record stage writes an outbox row for it."""
        return self.outcome in (AckOutcome.SEND, AckOutcome.HELD)

    @property
    def outbox_status(self) -> str:
        return "held" if self.outcome is AckOutcome.HELD else "pending"

    def describe(self) -> str:
        """One line for people: "send ack", "held late_ack: arrived ...", "none: duplicate of ..."."""
        head = f"{self.outcome.value} {self.purpose.value}" if self.purpose else self.outcome.value
        return f"{head}: {self.reason}" if self.reason else head

    def held(self, reason: str) -> "AckDecision":
        return AckDecision(AckOutcome.HELD, self.purpose, reason, self.first_copy_pk, self.event)


def no_ack(reason: str) -> AckDecision:
    return AckDecision(AckOutcome.NONE, None, reason)
