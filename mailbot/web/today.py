"""The Today page's facts: the register's rows of the last day (as the Register page shows them),
the digest's own delivery problems and chart (mailbot.correspondence.digest_facts), and the figures
of `mailbot status`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from mailbot.correspondence import digest_facts as facts
from mailbot.correspondence.states import member_state_codes, state_name
from mailbot.status import collect_status
from mailbot.web.regions import by_region
from mailbot.web.register_query import records_where, stored_utc

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

LANG = "en"
LISTED = 50
# Mail from people that is not a contribution (replies, questions): it may need an answer.
TO_ANSWER = "m.kind IN ('reply', 'other') AND m.from_address IS NOT NULL"


def today_facts(runtime: Runtime) -> dict:
    consultation, now = runtime.consultation, runtime.clock.now()
    recent = {"since": stored_utc(now - timedelta(days=1)), "now": stored_utc(now)}
    arrived_where = "m.received_at >= :since AND m.received_at <= :now"
    with runtime.session() as session:
        arrived, arrived_total = records_where(session, arrived_where, recent, LISTED)
        review, review_total = records_where(session, "m.needs_review = 1", {}, LISTED)
        to_answer, to_answer_total = records_where(session, f"{arrived_where} AND {TO_ANSWER}", recent, LISTED)
        problems = facts.delivery_problems(session, consultation, None)
        chart = facts.chart_rows(_per_local_day(session, consultation, recent["now"]), consultation, now)
        done = _contributed_states(session, recent["now"])
    members = set(member_state_codes())
    return {
        "now": now,
        "status": collect_status(runtime),
        "arrived": arrived, "arrived_total": arrived_total,
        "review": review, "review_total": review_total,
        "to_answer": to_answer, "to_answer_total": to_answer_total,
        "problems": problems,
        "deadline_at": consultation.deadline_at,
        "days_to_deadline": (consultation.deadline_date - consultation.today(now)).days,
        "chart": chart,
        "chart_peak": max((row["count"] for row in chart), default=0),
        "contributed": _named(by_region(done & members)),
        "missing": _named(by_region(members - done)),
        "contributed_count": len(done & members), "members": len(members),
    }


# Counted by SQLite: the digest's Python loop over every contribution took a second at 100,000.
# A human's decision wins over the machine's states, as in register_view.message_states.
_STATES = ("CASE WHEN m.manual_states IS NULL OR m.manual_states = 'null' THEN coalesce(m.states, '[]') "
           "ELSE m.manual_states END")
_CONTRIBUTIONS = "m.kind = 'contribution' AND m.received_at <= :now"


def _per_local_day(session, consultation, now_text: str) -> Counter:
    """Contributions per day in the consultation's zone (counted per UTC hour, then placed locally;
    per minute in a zone whose offset is not whole hours)."""
    whole_hours = consultation.local(datetime.now(timezone.utc)).utcoffset() % timedelta(hours=1) == timedelta(0)
    width, layout = (13, "%Y-%m-%d %H") if whole_hours else (16, "%Y-%m-%d %H:%M")
    per_day: Counter = Counter()
    for start, count in session.execute(text(
            f"SELECT substr(m.received_at, 1, {width}), count(*) FROM message AS m WHERE {_CONTRIBUTIONS} "
            "GROUP BY 1"), {"now": now_text}):
        moment = datetime.strptime(start, layout).replace(tzinfo=timezone.utc)
        per_day[consultation.local(moment).date()] += count
    return per_day


def _contributed_states(session, now_text: str) -> set[str]:
    return {str(code).upper() for (code,) in session.execute(text(
        f"SELECT DISTINCT s.value FROM message AS m, json_each({_STATES}) AS s "
        f"WHERE {_CONTRIBUTIONS} AND s.type = 'text'"), {"now": now_text})}


def _named(grouped: dict[str, list[str]]) -> dict[str, list[tuple[str, str]]]:
    return {region: sorted(((code, state_name(code, LANG)) for code in codes), key=lambda pair: pair[1])
            for region, codes in grouped.items()}
