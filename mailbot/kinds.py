"""The register's vocabulary: message kinds and statuses, one StrEnum each (a member == its text)."""
from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What kind of mail a message is (pipeline/classify.py decides; admin rules may change it)."""

    CONTRIBUTION = "contribution"
    REPLY = "reply"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"          # a robot's report: delivery failed
    DELAY = "delay"            # a robot's report: delivery delayed
    DELIVERED = "delivered"    # a robot's report: delivered
    COMPLAINT = "complaint"    # a robot's report: ARF abuse report
    LOOP = "loop"              # our own mail come back
    OTHER = "other"


KINDS = tuple(Kind)


class RobotKind(StrEnum):
    """What a robot's mail tells us; each is also a message Kind of the same name."""

    BOUNCE = Kind.BOUNCE.value          # delivery failed; a permanent failure (5.x.x) suppresses the address
    DELAY = Kind.DELAY.value            # temporary (4.x.x): the server retries; nothing is suppressed
    DELIVERED = Kind.DELIVERED.value    # success notice (2.x.x): nothing to do
    COMPLAINT = Kind.COMPLAINT.value    # ARF abuse report: a person reviews it


class MessageStatus(StrEnum):
    """Whether the pipeline went through for a register row."""

    PROCESSED = "processed"
    ERROR = "error"


class OutboxStatus(StrEnum):
    """Where an outgoing message stands in the transactional outbox."""

    PENDING = "pending"        # waits for delivery
    HELD = "held"              # kept until `mailbot ack release`
    SENDING = "sending"        # handed to the transport; the outcome is not yet recorded
    SENT = "sent"
    FAILED = "failed"          # given up
    BOUNCED = "bounced"        # sent, then a delivery report said it failed
    SUPPRESSED = "suppressed"  # not sent: the address is suppressed, or the reminder went stale


WAITING = (OutboxStatus.PENDING, OutboxStatus.SENDING)   # not delivered yet, not given up


class AckOutcome(StrEnum):
    """What happens to the sender's acknowledgement."""

    SEND = "send"                    # queued for delivery
    HELD = "held"                    # written to the outbox but kept until `mailbot ack release`
    NONE = "none"                    # no acknowledgement, for the reason given


class Purpose(StrEnum):
    """Why a message is sent (the outbox row's `purpose` column)."""

    ACK = "ack"
    LATE_ACK = "late_ack"
    RESEND_NOTICE = "resend_notice"  # "already registered on DATE under GCA-2020-00NN"
    REMINDER = "reminder"
    MILESTONE = "milestone"
    DIGEST = "digest"
    FORWARD = "forward"


class AckPurpose(StrEnum):
    """The purposes of a sender's acknowledgement: the outbox purpose and the template's name."""

    ACK = Purpose.ACK.value
    LATE_ACK = Purpose.LATE_ACK.value
    RESEND_NOTICE = Purpose.RESEND_NOTICE.value


ACK_PURPOSES = tuple(purpose.value for purpose in AckPurpose)
