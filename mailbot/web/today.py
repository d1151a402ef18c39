"""The Today page's facts: the register's rows of the last day (as the Register page shows them),
the digest's own delivery problems and chart (mailbot.correspondence.digest_facts), and the figures
of `mailbot status`."""
from __future__ import annotations

from datetime import timedelta

from mailbot.correspondence import digest_facts as facts
from mailbot.correspondence.register_view import contribution_facts
from mailbot.correspondence.states import member_state_codes, state_name
from mailbot.status import collect_status
from mailbot.web.regions import by_region
from mailbot.web.register_query import records_where, stored_utc

LANG = "en"
LISTED = 50
# Mail from people that is not a contribution (replies, questions): it may need an answer.
TO_ANSWER = "m.kind IN ('reply', 'other') AND m.from_address IS NOT NULL"


def today_facts(runtime) -> dict:
    consultation, now = runtime.consultation, runtime.clock.now()
    recent = {"since": stored_utc(now - timedelta(days=1)), "now": stored_utc(now)}
    arrived_where = "m.received_at >= :since AND m.received_at <= :now"
    with runtime.session() as session:
        arrived, arrived_total = records_where(session, arrived_where, recent, LISTED)
        review, review_total = records_where(session, "m.needs_review = 1", {}, LISTED)
        to_answer, to_answer_total = records_where(session, f"{arrived_where} AND {TO_ANSWER}", recent, LISTED)
        problems = facts.delivery_problems(session, consultation, None)
        received = contribution_facts(session, now)
        chart = facts.chart(received, consultation, now)
    done = {code for item in received for code in item.codes}
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


def _named(grouped: dict[str, list[str]]) -> dict[str, list[tuple[str, str]]]:
    return {region: sorted(((code, state_name(code, LANG)) for code in codes), key=lambda pair: pair[1])
            for region, codes in grouped.items()}
