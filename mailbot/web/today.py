"""The Today page's facts: the digest's own queries (mailbot.correspondence.digest_facts) over the
last day, plus the status figures of `mailbot status`."""
from __future__ import annotations

from datetime import timedelta

from mailbot.correspondence import digest_facts as facts
from mailbot.correspondence.register_view import contribution_facts
from mailbot.correspondence.states import member_state_codes, state_name
from mailbot.status import collect_status
from mailbot.web.regions import by_region

LANG = "en"
PEOPLE_KINDS = ("reply", "other")     # mail from people that is not a contribution: it may need an answer


def today_facts(runtime) -> dict:
    consultation, now = runtime.consultation, runtime.clock.now()
    since = now - timedelta(days=1)
    with runtime.session() as session:
        arrived, arrived_total = facts.arrivals(session, consultation, since, now, LANG)
        review, review_total = facts.awaiting_review(session, consultation, now, LANG)
        problems = facts.delivery_problems(session, consultation, None)
        received = contribution_facts(session, now)
        chart = facts.chart(received, consultation, now)
    done = {code for item in received for code in item.codes}
    members = set(member_state_codes())
    return {
        "now": now,
        "status": collect_status(runtime),
        "arrived": arrived, "arrived_total": arrived_total,
        "to_answer": [row for row in arrived if row["kind"] in PEOPLE_KINDS],
        "review": review, "review_total": review_total,
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
