"""Which of our own sent mails a delivery report is about, and so which addresses it may suppress.

Anyone can write a delivery report. A report suppresses an address only when it is about mail we
actually sent to that address: our Message-ID in the returned message, In-Reply-To or References.
A report with no Message-ID at all suppresses nothing either, even when it names an address we
have mailed: leaving the Message-ID out would otherwise be all a forger needs. Everything else is
kept, suppresses nothing, says why, and is flagged when it names someone we write to; a person
who finds it genuine suppresses the address by hand (`mailbot suppressions add`).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, String, cast, select

from mailbot.kinds import OutboxStatus
from mailbot.robots import RobotRecipient, RobotReport
from mailbot.store.models import Outbox

DELIVERED = (OutboxStatus.SENT, OutboxStatus.BOUNCED, OutboxStatus.SENDING)   # left our hands at least once


@dataclass(frozen=True)
class BounceMatch:
    """The outbox row a report is about (or None), the recipients it may suppress, and why, in words."""

    row: Outbox | None
    suppressible: tuple[RobotRecipient, ...]
    unmatched: tuple[RobotRecipient, ...]
    why: str


def report_ids(report: RobotReport, parsed) -> list[str]:
    """Every Message-ID the report names for the mail it is about, in order of trust."""
    ids = [report.original_message_id]
    if parsed is not None:
        ids += [parsed.in_reply_to, *reversed(parsed.references)]
    seen: list[str] = []
    for value in ids:
        value = (value or "").strip()
        if value and value not in seen:
            seen.append(value)
    return seen


def match_report(session: Session, report: RobotReport, failed: list[RobotRecipient], parsed) -> BounceMatch:
    """Match a bounce to our outbox; only the recipients of the matched mail may be suppressed."""
    ids = report_ids(report, parsed)
    row = _row_by_id(session, ids)
    if row is not None:
        sent_to = {address.lower() for address in row.recipients}
        ours = tuple(r for r in failed if r.address.lower() in sent_to)
        others = tuple(r for r in failed if r.address.lower() not in sent_to)
        return BounceMatch(row, ours, others, f"about our message {row.message_id}, which was not addressed to it")
    if ids:
        return BounceMatch(None, (), tuple(failed),
                           f"about a message we did not send ({ids[0][:120]}): nothing suppressed")
    return BounceMatch(None, (), tuple(failed), "names no Message-ID of ours, so it cannot be tied to mail we "
                       "sent: nothing suppressed")


def _row_by_id(session: Session, ids: list[str]) -> Outbox | None:
    for value in ids:
        row = session.exec(select(Outbox).where(Outbox.message_id == value)).first()
        if row is not None:
            return row
    return None


def mailed(session: Session, address: str) -> bool:
    """True when an outbox row that left our hands was addressed to `address`."""
    address = address.strip().lower()
    query = select(Outbox.recipients).where(Outbox.status.in_([str(s) for s in DELIVERED]),
                                            cast(Outbox.recipients, String).ilike(f"%{address}%"))
    return any(address in (a.lower() for a in recipients) for recipients in session.exec(query))
