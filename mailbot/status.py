"""Figures for `mailbot status`: health of the worker, never a secret."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import select

from mailbot.kinds import Kind, MessageStatus, OutboxStatus
from mailbot.clock import as_utc
from mailbot.store.models import Event, Message, Outbox, PollState
from mailbot.store.register import held_count

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def collect_status(runtime: Runtime) -> dict:
    settings = runtime.settings
    with runtime.session() as session:
        def count(*conditions, table=Message) -> int:
            return session.exec(select(func.count()).select_from(table).where(*conditions)).one()

        last_poll = session.get(PollState, "last_poll")
        failed_poll = session.get(PollState, "last_failed_poll")
        oldest_pending = session.exec(select(func.min(Outbox.created_at)).where(
            Outbox.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)))).one()
        failures = session.exec(select(Outbox).where(Outbox.status.in_((OutboxStatus.FAILED, OutboxStatus.BOUNCED)))
                                .order_by(Outbox.id.desc()).limit(5)).all()
        kinds = dict(session.exec(select(Message.kind, func.count()).group_by(Message.kind)).all())
        return {
            "source": f"imap {settings.imap.host}:{settings.imap.port or ''} {settings.imap.folder}"
            if settings.uses_imap else f"maildir {settings.maildir.path}",
            "delivery": f"smtp {settings.smtp.host}" if settings.uses_smtp
            else f"files in {settings.state.dir}/outbox",
            "state_dir": str(settings.state.dir),
            "last_successful_poll": last_poll.value if last_poll else None,
            **_failed_poll(failed_poll if failed_poll and (
                not last_poll or failed_poll.updated_at >= last_poll.updated_at) else None),
            "messages": count(),
            "by_kind": kinds,
            "contributions": kinds.get(Kind.CONTRIBUTION, 0),
            "needs_review": count(Message.needs_review == True),  # noqa: E712
            "processing_failures": count(Message.status == MessageStatus.ERROR),
            "outbox_pending": count(Outbox.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)), table=Outbox),
            "outbox_failed": count(Outbox.status == OutboxStatus.FAILED, table=Outbox),
            "outbox_sent": count(Outbox.status == OutboxStatus.SENT, table=Outbox),
            "acks_held": held_count(session),
            "outbox_oldest_pending": as_utc(oldest_pending).isoformat() if oldest_pending else None,
            "outbox_failures": [f"{row.purpose} to {', '.join(row.recipients)}: {row.last_error}"
                                for row in failures],
            "recent_events": [{"at": as_utc(event.at).isoformat(), "kind": event.kind, "detail": event.detail}
                              for event in session.exec(select(Event).order_by(Event.id.desc()).limit(5)).all()],
        }


def _failed_poll(row) -> dict:
    """The last failed poll since the last good one: the stored line, and its instant and reason apart."""
    if row is None:
        return {"last_failed_poll": None, "last_failed_poll_at": None, "last_failed_poll_reason": None}
    at, _, reason = row.value.partition(" ")
    return {"last_failed_poll": row.value, "last_failed_poll_at": at, "last_failed_poll_reason": reason}
