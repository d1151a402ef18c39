"""A register holding three pending acknowledgements, and the few runtime parts delivery reads."""
from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

from sqlmodel import Session, select

from mailbot.kinds import OutboxStatus
from mailbot.stopping import StopRequest
from mailbot.store.db import open_engine
from mailbot.store.models import Outbox

NOW = datetime(2020, 1, 10, 9, 0, tzinfo=timezone.utc)


def register_with_three_acks(state_dir, recipient: str = "fp{number}@gov.example", **columns):
    """An engine on a new register with outbox rows ack-0..ack-2 (<m0@itu.int>...), pending."""
    engine = open_engine(state_dir)
    with Session(engine) as session:
        for number in range(3):
            session.add(Outbox(key=f"ack-{number}", purpose="ack", recipients=[recipient.format(number=number)],
                               envelope_from="contributions@itu.int", message_id=f"<m{number}@itu.int>",
                               subject="Received", language="en", raw=b"Subject: x\r\n\r\nx\r\n",
                               status=OutboxStatus.PENDING, attempts=0, created_at=NOW, **columns))
        session.commit()
    return engine


def delivery_runtime(engine, transport) -> SimpleNamespace:
    """What delivery reads of a Runtime: the register, a fixed clock, the transport, outbox settings."""
    return SimpleNamespace(engine=engine, clock=SimpleNamespace(now=lambda: NOW), stop=StopRequest(5.0),
                           transport=transport, faults=SimpleNamespace(hit=lambda _name: None),
                           settings=SimpleNamespace(outbox=SimpleNamespace(backoff_seconds=60, max_attempts=5)))


def statuses(engine) -> list[str]:
    """Every outbox row's status, in id order, as another connection sees it."""
    with Session(engine) as session:
        return [row.status for row in session.exec(select(Outbox).order_by(Outbox.id))]
