"""The register's side of a delivery, on one bare connection: every statement of the claim, the
outcome and the next-row step written once here, as plain SQL with parameters.

A delivery step runs in the poll's own thread between the messages' commits, once a receipt; built
with SQLAlchemy's Core per call (a new statement, its cache key, the result's processing) each cost
about four times what SQLite itself took. Values go through the columns' own SQLAlchemy types
(dates, the JSON recipient list), so what is written and compared is exactly what the ORM writes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from mailbot.kinds import WAITING
from mailbot.store.models import Outbox

_COLUMNS = "id, key, status, attempts, last_error, recipients, envelope_from, raw, message_id"
# Read with every row, so the common case (nobody suppressed) costs no query of its own, and a
# bounce recorded by the poll's earlier commits is seen at the very next step.
_ANY_SUPPRESSED = "EXISTS (SELECT 1 FROM suppression WHERE removed_at IS NULL)"
_WAITING = tuple(str(status) for status in WAITING)
_DUE = f"status IN ({', '.join('?' for _ in _WAITING)}) AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
_NEXT_DUE = f"SELECT {_COLUMNS}, {_ANY_SUPPRESSED} FROM outbox WHERE id > ? AND {_DUE} ORDER BY id LIMIT 1"
_ROW = f"SELECT {_COLUMNS}, {_ANY_SUPPRESSED} FROM outbox WHERE id = ?"
_DUE_IDS = f"SELECT id FROM outbox WHERE {_DUE} ORDER BY id LIMIT ?"
_MOMENTS = ("next_attempt_at", "sent_at")
_WRITABLE = ("status", "attempts", "last_error", *_MOMENTS)


@dataclass
class Due:
    """The columns of one outbox row that delivery reads and changes."""
    id: int
    key: str
    status: str
    attempts: int
    last_error: str | None
    recipients: list
    envelope_from: str
    raw: bytes
    message_id: str
    any_suppressed: bool = False     # the suppression list had an active address when it was read


class OutboxSteps:
    """One connection's delivery statements. Writes are not committed one by one: `commit` makes
    them durable together (the caller commits a claim before its handoff starts)."""

    def __init__(self, connection: Connection):
        self.connection = connection
        dialect = connection.dialect
        table = Outbox.__table__  # type: ignore[attr-defined]
        # The dialect's own forms of the columns' types: SQLite's DATETIME writes '2020-01-10 10:00:00.000000'.
        self._moments = {name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) or _same
                         for name in _MOMENTS}
        self._moment = self._moments["next_attempt_at"]
        self._recipients = table.c.recipients.type.dialect_impl(dialect).result_processor(dialect, None) or _same
        self._updates: dict[tuple[str, ...], str] = {}
        self._written = False

    def next_due(self, now: datetime, after_id: int) -> Due | None:
        """The first row due at `now` with an id above `after_id`."""
        return self._due(_NEXT_DUE, (after_id, *_WAITING, self._moment(now)))

    def load(self, row_id: int) -> Due | None:
        """This row as it is now; None when it is gone."""
        return self._due(_ROW, (row_id,))

    def due_ids(self, now: datetime, limit: int) -> list[int]:
        """The ids of the rows due at `now`, in order: a flush's queue."""
        ids = [row[0] for row in self.connection.exec_driver_sql(_DUE_IDS, (*_WAITING, self._moment(now), limit))]
        self.end()
        return ids

    def write(self, row_id: int, **values: Any) -> None:
        """Set these columns of the row (committed with the next `commit`)."""
        names = tuple(sorted(values))
        sql = self._updates.get(names)
        if sql is None:
            if not set(names) <= set(_WRITABLE):
                raise ValueError(f"not a delivery column: {sorted(set(names) - set(_WRITABLE))}")
            sql = self._updates[names] = (
                "UPDATE outbox SET " + ", ".join(f"{name} = ?" for name in names) + " WHERE id = ?")
        self.connection.exec_driver_sql(sql, (*(self._value(name, values[name]) for name in names), row_id))
        self._written = True

    def commit(self) -> None:
        """Make every write since the last commit durable."""
        if self._written:
            self.connection.commit()
            self._written = False

    def end(self) -> None:
        """End the step: commit what was written; a step that only read holds no transaction either."""
        if self._written:
            self.commit()
        else:
            self.connection.rollback()

    def _due(self, sql: str, parameters: tuple) -> Due | None:
        found = self.connection.exec_driver_sql(sql, parameters).first()
        if found is None:
            return None
        row_id, key, status, attempts, last_error, recipients, envelope_from, raw, message_id, anyone = found
        return Due(row_id, key, status, attempts, last_error, self._recipients(recipients) or [], envelope_from,
                   raw, message_id, any_suppressed=bool(anyone))

    def _value(self, name: str, value: Any) -> Any:
        if name in self._moments:
            return self._moments[name](value) if value is not None else None
        return str(value) if name in ("status", "last_error") and value is not None else value


def _same(value: Any) -> Any:
    return value
