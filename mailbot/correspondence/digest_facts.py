"""Gather the daily digest's facts from the register (plain values, ready for the templates and CSV)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta

from sqlalchemy import String, cast, func, or_
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from mailbot.kinds import OutboxStatus
from mailbot.consultation import Consultation, as_aware_utc, is_late, lateness
from mailbot.correspondence.register_view import (
    CONTRIBUTION,
    ContributionFacts,
    contribution_facts,
    document_names,
    message_states,
    new_bounces,
    receipt_number,
    utc_moment,
)
from mailbot.correspondence.states import member_state_codes, state_name
from mailbot.store.models import Event, Message, Outbox, PollState
from mailbot.timefmt import local_minute

INQUIRY = "inquiry"  # the category rules/signals.toml gives a question to the Secretariat
BAR_MAX_PX = 240
LIST_LIMIT = 200  # rows listed in the body; the attached register has them all
DAILY_CHART_MAX_DAYS = 31


def previous_digest_at(session: Session, now: datetime) -> datetime | None:
    """When the last digest was planned (its row's created_at), before `now`."""
    query = (
        select(Outbox.created_at)
        .where(Outbox.purpose == "digest", Outbox.created_at < utc_moment(now))
        .order_by(Outbox.created_at.desc())
        .limit(1)
    )
    return session.exec(query).first()


def _message_row(message: Message, files: list[str], consultation: Consultation, lang: str) -> dict:
    return {
        "reference": receipt_number(message, consultation) if message.kind == CONTRIBUTION else "",
        "received_at": as_aware_utc(message.received_at),
        "kind": message.kind,
        "sender": message.from_address or message.from_header or "",
        "states": [state_name(code, lang) for code in message_states(message)],
        "subject": message.subject,
        "files": files,
        "language": message.language or "",
        "late": bool(
            message.late or (message.kind == CONTRIBUTION and is_late(message.received_at, consultation))
        ),
        "needs_review": message.needs_review,
        "needs_answer": message.category == INQUIRY,
        "reasons": [_reason_text(reason) for reason in message.review_reasons or []],
    }


def _reason_text(reason: object) -> str:
    if isinstance(reason, dict):
        return str(reason.get("reason") or reason.get("text") or reason)
    return str(reason)


def _rows(session: Session, query, consultation: Consultation, lang: str) -> tuple[list[dict], int]:
    """The first LIST_LIMIT messages of `query` as digest rows, and how many matched in all."""
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    heavy = (Message.body_text, Message.trail, Message.defects, Message.error_text)
    shown = list(session.exec(query.options(*(defer(column) for column in heavy)).limit(LIST_LIMIT)))
    names = document_names(session, [message.id for message in shown])
    return [_message_row(message, names.get(message.id, []), consultation, lang) for message in shown], total


def arrivals(
    session: Session, consultation: Consultation, since: datetime | None, now: datetime, lang: str,
    *, contributions: bool,
) -> tuple[list[dict], int]:
    """Contributions (or the other mail) registered since the last digest (by processed_at: a backlog
    still shows up once); only contributions are listed as contributions."""
    query = select(Message).where(Message.processed_at <= utc_moment(now))
    query = query.where(Message.kind == CONTRIBUTION if contributions else Message.kind != CONTRIBUTION)
    if since is not None:
        query = query.where(Message.processed_at > since)
    return _rows(session, query.order_by(Message.received_at, Message.id), consultation, lang)


def awaiting_review(
    session: Session, consultation: Consultation, now: datetime, lang: str
) -> tuple[list[dict], int]:
    """Messages held for review that no human has settled (manual_states set) yet."""
    query = (
        select(Message)
        .where(
            Message.needs_review == True,  # noqa: E712 (SQL expression)
            Message.processed_at <= utc_moment(now),
            # JSON null is not SQL NULL: a settled review holds a list
            or_(Message.manual_states.is_(None), cast(Message.manual_states, String) == "null"),
        )
        .order_by(Message.received_at)
    )
    return _rows(session, query, consultation, lang)


def delivery_problems(session: Session, consultation: Consultation, since: datetime | None) -> list[dict]:
    """Outgoing mail that failed for good (with the server's words), and bounces reported since."""
    problems = []
    # Held acknowledgements (first contact, answered by hand, burst guard) wait for a person: listed too.
    for row in session.exec(select(Outbox).where(Outbox.status.in_((OutboxStatus.FAILED, OutboxStatus.HELD)))
                            .order_by(Outbox.status, Outbox.created_at)):
        reference = ""
        if row.message_pk is not None:
            message = session.get(Message, row.message_pk)
            reference = receipt_number(message, consultation) if message else ""
        problems.append(
            {
                "purpose": row.purpose,
                "recipients": list(row.recipients),
                "reference": reference,
                "error": _held_text(row.last_error) if row.status == OutboxStatus.HELD else row.last_error or "",
            }
        )
    for bounce in new_bounces(session, since):     # the suppression list: address and reason
        reason = " ".join(part for part in (bounce.status, bounce.diagnostic) if part) or "permanent failure"
        problems.append({"purpose": "bounce", "recipients": [bounce.address], "reference": "",
                         "error": f"bounced ({reason}); no more mail goes to this address"})
    events = select(Event).where(Event.kind.in_(("ack_cap", "ack_burst", "loop", "uidvalidity")))
    if since is not None:
        events = events.where(Event.at > since)
    for event in session.exec(events.order_by(Event.at)):
        problems.append(_event_problem(event))
    return problems + failed_poll_problem(session, consultation)


def failed_poll_problem(session: Session, consultation: Consultation) -> list[dict]:
    """The mailbox's last failed poll, while no poll has succeeded since: when, and the reason."""
    failed, good = session.get(PollState, "last_failed_poll"), session.get(PollState, "last_poll")
    if failed is None or (good is not None and good.updated_at > failed.updated_at):
        return []
    at, _, reason = failed.value.partition(" ")
    return [{"purpose": "failed_poll", "recipients": [], "reference": "",
             "error": f"{local_minute(at, consultation.zone)}: {reason}"}]


def _held_text(reason: str | None) -> str:
    return f"held: {reason or 'no reason recorded'} (mailbot ack release --all sends it)"


def _event_problem(event: Event) -> dict:
    """A cap or a loop is told once, with its own words (bounces come from the suppression list)."""
    detail = re.sub(r"^\[[^\]]*\] ", "", event.detail)     # record_event_once's dedupe marker
    return {"purpose": event.kind, "recipients": [], "reference": "", "error": detail}


def totals(
    session: Session, now: datetime, consultation: Consultation, received: list[ContributionFacts]
) -> dict:
    kinds = Counter(
        dict(
            session.exec(
                select(Message.kind, func.count())
                .where(Message.processed_at <= utc_moment(now))
                .group_by(Message.kind)
            ).all()
        )
    )
    outbox = Counter(
        dict(
            session.exec(
                select(Outbox.status, func.count())
                .where(Outbox.purpose.in_(("ack", "late_ack", "resend_notice")))
                .group_by(Outbox.status)
            ).all()
        )
    )
    late_check = lateness(consultation)
    return {
        "messages": sum(kinds.values()),
        "contributions": len(received),
        "late": sum(1 for item in received if item.late or late_check(item.received_at)),
        "by_kind": dict(sorted(kinds.items())),
        "acks_sent": outbox.get(OutboxStatus.SENT, 0),
        "acks_pending": outbox.get(OutboxStatus.PENDING, 0) + outbox.get(OutboxStatus.SENDING, 0),
        "acks_failed": outbox.get(OutboxStatus.FAILED, 0),
        "acks_held": outbox.get(OutboxStatus.HELD, 0),
    }


def state_coverage(received: list[ContributionFacts], lang: str) -> dict:
    members = set(member_state_codes())
    done = {code for item in received for code in item.codes}
    return {
        "contributed": _sorted_names(done & members, lang),
        "missing": _sorted_names(members - done, lang),
        "outside_list": sorted(done - members),
        "members": len(members),
    }


def _sorted_names(codes: set[str], lang: str) -> list[str]:
    """Names in alphabetical order, accents aside ("Côte d'Ivoire" among the Cs)."""

    def key(name: str) -> str:
        return "".join(
            char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char)
        )

    return sorted((state_name(code, lang) for code in codes), key=lambda name: (key(name).casefold(), name))


def chart(received: list[ContributionFacts], consultation: Consultation, now: datetime) -> list[dict]:
    """Contributions per local day (per week when the span is longer than a month), as bar widths."""
    return chart_rows(Counter(consultation.local(item.received_at).date() for item in received), consultation, now)


def chart_rows(per_day: Counter, consultation: Consultation, now: datetime) -> list[dict]:
    """The chart's bars from contributions counted per local day (the web desk counts them in SQL)."""
    today = consultation.today(now)
    start = consultation.opens or min(per_day, default=today)
    start = min(start, today)
    weekly = (today - start).days >= DAILY_CHART_MAX_DAYS
    buckets: Counter[date] = Counter()
    for day, count in per_day.items():
        buckets[_bucket(day, weekly)] += count
    first = _bucket(start, weekly)
    step = timedelta(days=7 if weekly else 1)
    rows, day = [], first
    peak = max(buckets.values(), default=0) or 1
    while day <= today:
        count = buckets.get(day, 0)
        rows.append(
            {
                "day": day,
                "weekly": weekly,
                "count": count,
                "width": round(BAR_MAX_PX * count / peak),
                "percent": round(100 * count / peak),
                "bar": "#" * round(30 * count / peak),
            }
        )
        day += step
    return rows


def _bucket(day: date, weekly: bool) -> date:
    return day - timedelta(days=day.weekday()) if weekly else day


def digest_facts(session: Session, consultation: Consultation, now: datetime, lang: str) -> dict:
    since = previous_digest_at(session, now)
    new, new_total = arrivals(session, consultation, since, now, lang, contributions=True)
    others, others_total = arrivals(session, consultation, since, now, lang, contributions=False)
    review, review_total = awaiting_review(session, consultation, now, lang)
    received = contribution_facts(session, now)
    new_contributions = sum(1 for item in received if since is None or item.processed_at > since)
    return {
        "now": as_aware_utc(now),
        "today": consultation.today(now),
        "since": as_aware_utc(since) if since else None,
        "contributions_new": new,
        "contributions_more": new_total - len(new),
        "others_new": others,
        "others_more": others_total - len(others),
        "new_contributions": new_contributions,
        "review": review,
        "review_total": review_total,
        "review_more": review_total - len(review),
        "to_answer": [row for row in review if row["needs_answer"]],   # inquiries awaiting an answer
        "problems": delivery_problems(session, consultation, since),
        "totals": totals(session, now, consultation, received),
        "coverage": state_coverage(received, lang),
        "days_to_deadline": (consultation.deadline_date - consultation.today(now)).days,
        "chart": chart(received, consultation, now),
    }
