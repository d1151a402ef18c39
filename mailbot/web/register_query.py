"""The register page's filters, as one SQL condition on message m: the page, its count and its
CSV/JSON downloads all read the rows this condition selects, built by mailbot.export_sql."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import text

from mailbot.export_sql import records_by_id
from mailbot.extraction.search import matching_messages, to_match_query
from mailbot.kinds import KINDS

PAGE_SIZE = 50
MANY_HITS = 5_000          # above this many search matches, the page walks an index instead (measured in bench 8)
# Sortable columns: the name in the address bar -> the SQL column (never user text in SQL).
SORTS = {"received": "m.received_at", "id": "m.id", "from": "m.from_address", "subject": "m.subject",
         "kind": "m.kind", "reference": "m.reference"}
_STATE = re.compile(r"^[A-Z]{3}$")
_STORED = "%Y-%m-%d %H:%M:%S.%f"      # how the register keeps UTC datetimes (text comparisons hold)


@dataclass(frozen=True)
class RegisterFilter:
    """What the person asked for, each field already checked; unknown values are dropped."""

    kind: str = ""
    state: str = ""
    late: str = ""             # "", "yes", "no"
    review: str = ""           # "", "yes", "no"
    since: str = ""            # local dates, YYYY-MM-DD, in the consultation's zone
    until: str = ""
    q: str = ""
    sort: str = "received"
    order: str = "desc"
    page: int = 1

    @classmethod
    def from_query(cls, params) -> "RegisterFilter":
        def pick(name: str, allowed) -> str:
            value = (params.get(name) or "").strip()
            return value if value in allowed else ""

        return cls(kind=pick("kind", KINDS),
                   state=(params.get("state") or "").strip().upper() if _STATE.match(
                       (params.get("state") or "").strip().upper()) else "",
                   late=pick("late", ("yes", "no")), review=pick("review", ("yes", "no")),
                   since=_date_text(params.get("since")), until=_date_text(params.get("until")),
                   q=(params.get("q") or "").strip()[:200],
                   sort=pick("sort", SORTS) or "received", order=pick("order", ("asc", "desc")) or "desc",
                   page=_page(params.get("page")))

    def query_string(self, **changes) -> str:
        """This filter as URL parameters (defaults left out), with some fields changed."""
        values = {field.name: getattr(self, field.name) for field in fields(self)} | changes
        defaults = RegisterFilter()
        return urlencode({name: value for name, value in values.items() if value != getattr(defaults, name)})

    def condition(self, zone: ZoneInfo, session) -> tuple[str, dict]:
        """(SQL condition on message m, its parameters); a search is looked up in the index first."""
        parts, params = [], {}
        if self.kind:
            parts.append("m.kind = :kind")
            params["kind"] = self.kind
        if self.state:      # the code is three capital letters (checked): it cannot escape the pattern
            parts.append("m.states LIKE :state")
            params["state"] = f'%"{self.state}"%'
        for name, column in (("late", "m.late"), ("review", "m.needs_review")):
            value = getattr(self, name)
            if value:
                parts.append(f"{column} = {1 if value == 'yes' else 0}")
        if self.since:
            parts.append("m.received_at >= :since")
            params["since"] = _utc_text(date.fromisoformat(self.since), zone)
        if self.until:
            parts.append("m.received_at < :until")
            params["until"] = _utc_text(date.fromisoformat(self.until) + timedelta(days=1), zone)
        if self.q:
            hits = matching_messages(session, to_match_query(self.q))
            # Many matches (a common word): `+m.id` makes SQLite walk the sort's index (or a small one to
            # count) and probe the matches, instead of fetching the row of every match. Few: fetch those.
            parts.append(("+m.id" if len(hits) > MANY_HITS else "m.id") + " IN (SELECT value FROM json_each(:hits))")
            params["hits"] = json.dumps(hits)
        return (" AND ".join(parts) or "1"), params


@dataclass(frozen=True)
class RegisterPage:
    records: list[dict]
    total: int
    page: int
    pages: int


def register_page(session, chosen: RegisterFilter, zone: ZoneInfo) -> RegisterPage:
    """One page of export records for the filter, in the chosen order, and how many match in all."""
    where, params = chosen.condition(zone, session)
    total = session.execute(text(f"SELECT count(*) FROM message AS m WHERE {where}"), params).scalar_one()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(chosen.page, pages)
    order = "DESC" if chosen.order == "desc" else "ASC"
    ids = [row[0] for row in session.execute(text(
        f"SELECT m.id FROM message AS m WHERE {where} ORDER BY {SORTS[chosen.sort]} {order}, m.id {order} "
        "LIMIT :limit OFFSET :offset"), {**params, "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE})]
    texts = records_by_id(session, ids) if ids else {}
    return RegisterPage([json.loads(texts[pk]) for pk in ids if pk in texts], total, page, pages)


def records_where(session, where: str, params: dict, limit: int) -> tuple[list[dict], int]:
    """The newest `limit` export records `where` selects, and how many it selects in all."""
    total = session.execute(text(f"SELECT count(*) FROM message AS m WHERE {where}"), params).scalar_one()
    ids = [row[0] for row in session.execute(text(
        f"SELECT m.id FROM message AS m WHERE {where} ORDER BY m.received_at DESC, m.id DESC LIMIT :limit"),
        {**params, "limit": limit})]
    texts = records_by_id(session, ids) if ids else {}
    return [json.loads(texts[pk]) for pk in ids if pk in texts], total


def stored_utc(moment: datetime) -> str:
    """A moment as the register's UTC text, for comparisons in SQL."""
    return moment.astimezone(timezone.utc).strftime(_STORED)


def _date_text(value) -> str:
    try:
        return date.fromisoformat((value or "").strip()).isoformat()
    except ValueError:
        return ""


def _page(value) -> int:
    try:
        return max(1, min(int(value), 1_000_000))
    except (TypeError, ValueError):
        return 1


def _utc_text(day: date, zone: ZoneInfo) -> str:
    """The local midnight starting `day`, as the register's UTC text."""
    return stored_utc(datetime.combine(day, time(0), tzinfo=zone))
