"""What inbound mail tells us about our own outgoing mail: bounces and loops, recorded for staff."""
from __future__ import annotations

import logging

from sqlmodel import Session, select

from mailbot.store.models import Event, Outbox
from mailbot.store.register import record_event_once

log = logging.getLogger("mailbot.feedback")


def record_feedback(session: Session, message, item, now) -> None:
    """Match a bounce to the outbox row it answers and mark that address failing; log loops."""
    if message.kind == "loop":
        record_event_once(session, now, "loop", message.raw_sha256,
                          f"our own mail came back and was dropped ({message.subject[:120]})", message.id)
        log.warning("mail loop: dropped our own message %s", message.message_id)
        return
    if message.kind != "bounce" or item.parsed is None:
        return
    from mailbot.pipeline.classify import bounce_details

    for failed_address, status, diagnostic, original_id in bounce_details(item.parsed):
        row = _answered_row(session, original_id, failed_address)
        address = (failed_address or (row.recipients[0] if row and row.recipients else "")).lower()
        if row is not None:
            row.status = "bounced"
            row.last_error = f"bounced: {status or ''} {diagnostic or ''}".strip()
            session.add(row)
        if address and not _already_noted(session, message.id, address):
            session.add(Event(at=now, kind="bounce", message_pk=message.id,
                              detail=f"{address} bounced {status or ''} {diagnostic or ''}".strip()[:500]))


def _answered_row(session: Session, original_id: str | None, address: str | None) -> Outbox | None:
    if original_id:
        row = session.exec(select(Outbox).where(Outbox.message_id == original_id.strip())).first()
        if row is not None:
            return row
    return None


def _already_noted(session: Session, message_pk: int, address: str) -> bool:
    """A replayed bounce must not count twice."""
    return session.exec(select(Event.id).where(Event.kind == "bounce", Event.message_pk == message_pk,
                                               Event.detail.startswith(address + " "))).first() is not None

