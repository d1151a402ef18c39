"""The unit of work that travels through the pipeline, with its trail of decisions, and what it carries.

Below the pipeline: sources make `Fetched`, attribution fills `Attribution`, the acknowledge stage
makes the `AckDecision`."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mailbot.kinds import AckOutcome, AckPurpose, Kind, OutboxStatus
from parsers.types import ExtractResult, ParsedMessage


@dataclass(frozen=True)
class Fetched:
    """What a source hands over: where the message came from and its exact bytes."""

    source: str            # "imap" | "maildir" | "memory"
    mailbox: str           # IMAP folder or Maildir path
    uidvalidity: int       # 0 for Maildir
    uid: str               # IMAP UID (as text) or Maildir unique name
    received_at: datetime  # IMAP INTERNALDATE or file time, timezone-aware
    raw: bytes
    flags: tuple[str, ...] = ()           # IMAP flags (or Maildir info flags) when first fetched
    first_read_at: datetime | None = None  # set when it was already there at mailbot's first read

    @property
    def source_key(self) -> str:
        return f"{self.source}:{self.mailbox}:{self.uidvalidity}:{self.uid}"


@dataclass(frozen=True)
class Hit:
    """One line of the trail: which stage or rule decided what, from which evidence."""

    stage: str
    rule: str
    detail: str
    weight: float = 0.0
    states: tuple[str, ...] = ()


@dataclass
class Attribution:
    """Who sent it: Member State(s) as ISO alpha-3, or a non-member category."""

    states: tuple[str, ...] = ()
    category: str | None = None          # "member_state", "regional_org", "un_body", ...
    confidence: float = 0.0
    needs_review: bool = True
    review_reasons: list[str] = field(default_factory=list)
    suppress_ack: bool = False
    suppress_reason: str | None = None
    forwarded: bool = False
    original_received_at: datetime | None = None   # a staff forward: when the original was sent
    duplicate_of: str | None = None      # Message-ID of the first copy
    revision_of: str | None = None       # Message-ID of the contribution this revises
    route_folder: str | None = None      # admin rule: move to this IMAP folder
    forward_to: tuple[str, ...] = ()     # admin rule: forward a copy
    rules_version: str | None = None


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
    def outbox_status(self) -> OutboxStatus:
        return OutboxStatus.HELD if self.outcome is AckOutcome.HELD else OutboxStatus.PENDING

    def describe(self) -> str:
        """One line for people: "send ack", "held late_ack: arrived ...", "none: duplicate of ..."."""
        head = f"{self.outcome.value} {self.purpose.value}" if self.purpose else self.outcome.value
        return f"{head}: {self.reason}" if self.reason else head

    def held(self, reason: str) -> "AckDecision":
        return AckDecision(AckOutcome.HELD, self.purpose, reason, self.first_copy_pk, self.event)


def no_ack(reason: str) -> AckDecision:
    return AckDecision(AckOutcome.NONE, None, reason)


@dataclass
class WorkItem:
    """One inbound message on its way through the stages; stages fill it in, in order."""

    fetched: Fetched
    raw_sha256: str = ""
    parsed: ParsedMessage | None = None
    extracts: dict[str, ExtractResult] = field(default_factory=dict)  # by attachment sha256
    language: str | None = None
    kind: Kind | None = None             # pipeline/classify.py decides
    kind_reason: str = ""
    robot: object | None = None          # mailbot.robots.RobotReport for bounces, delays, complaints...
    attribution: Attribution = field(default_factory=Attribution)
    late: bool = False
    trail: list[Hit] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (stage, traceback text)
    ack_due: bool = False                # classify: may it be acknowledged at all?
    ack_reason: str = ""                 # classify: why not, when not
    ack: AckDecision = field(default_factory=AckDecision)   # the acknowledge stage's decision
    now: datetime | None = None
    record_pk: int | None = None         # the register row, once recorded
    copy_of: int | None = None           # the same bytes were registered before, as this register id

    def note(self, stage: str, rule: str, detail: str, weight: float = 0.0,
             states: tuple[str, ...] = ()) -> None:
        self.trail.append(Hit(stage, rule, detail, weight, states))
