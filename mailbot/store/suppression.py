"""The suppression list: the one source every outgoing job reads before writing to an address."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import Connection, bindparam
from sqlmodel import Session, select

from mailbot.store.models import Suppression


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def suppress(session: Session, address: str, *, bounced_at: datetime, status: str, diagnostic: str,
             message_pk: int | None, outbox_pk: int | None = None) -> bool:
    """Add (or refresh) an address after a permanent bounce; False when a person removed it after
    this bounce was received (a replayed old bounce must not undo that)."""
    address = address.strip().lower()
    row = session.get(Suppression, address)
    if row is None:
        row = Suppression(address=address, bounced_at=bounced_at)
    elif row.removed_at is not None and _utc(row.removed_at) >= _utc(bounced_at):
        return False
    elif row.removed_at is None and _utc(row.bounced_at) > _utc(bounced_at):
        return True          # an older bounce: the row already tells the latest one
    row.bounced_at, row.status, row.diagnostic = bounced_at, status, diagnostic[:500]
    row.message_pk, row.outbox_pk = message_pk, outbox_pk
    row.removed_at = row.removed_note = None
    session.add(row)
    return True


def active(session: Session) -> list[Suppression]:
    """The addresses suppressed now, most recent bounce first."""
    query = select(Suppression).where(Suppression.removed_at.is_(None))
    return list(session.exec(query.order_by(Suppression.bounced_at.desc(), Suppression.address)))


def suppressed_addresses(session: Session) -> set[str]:
    return set(session.exec(select(Suppression.address).where(Suppression.removed_at.is_(None))))


# Built once (each delivery step asks, while anyone is on the list): the addresses are a parameter.
_AMONG = select(Suppression.address).where(Suppression.address.in_(bindparam("wanted", expanding=True)),
                                           Suppression.removed_at.is_(None))


def suppressed_among(session: Session | Connection, addresses: Iterable[str]) -> set[str]:
    """Which of these addresses are suppressed (compared lower-case); on a Session or a bare Connection."""
    wanted = {str(address).strip().lower() for address in addresses}
    if not wanted:
        return set()
    return set(session.execute(_AMONG, {"wanted": sorted(wanted)}).scalars())


def remove(session: Session, address: str, *, at: datetime, note: str) -> Suppression | None:
    """Take an address off the list (kept as history); None when it is not on it."""
    row = session.get(Suppression, address.strip().lower())
    if row is None or row.removed_at is not None:
        return None
    row.removed_at, row.removed_note = at, note[:200]
    session.add(row)
    return row
