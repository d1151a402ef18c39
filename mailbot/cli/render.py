"""Printing for people: tables on a terminal (Rich), plain text when piped."""
from __future__ import annotations

from typing import TYPE_CHECKING

import json
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlmodel import select

from mailbot.decision import decision_line
from mailbot.export import iter_records, message_record
from mailbot.kinds import ACK_PURPOSES
from mailbot.store.lookup import find_message
from mailbot.store.models import Attachment, Message, Outbox
from mailbot.timefmt import display_zone, local_minute

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def print_run_summary(runtime: Runtime, report, delivery, extra: dict) -> None:
    console = Console()
    table = Table(title="mailbot run --once", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("messages registered", str(report.registered))
    for kind, number in sorted(report.kinds.items()):
        table.add_row(f"  {kind}", str(number))
    duplicates = getattr(report, "duplicates", [])
    table.add_row("duplicates (same bytes, not registered again)", str(len(duplicates)))
    for pk in sorted(set(duplicates))[:20]:
        table.add_row(f"  duplicate of {pk}", str(duplicates.count(pk)))
    table.add_row("skipped", str(getattr(report, "skipped", 0)))
    table.add_row("processing failures (kept for review)", str(report.failed))
    table.add_row("acknowledgements queued", str(report.acks_queued))
    table.add_row("acknowledgements held", str(report.acks_held))
    for reason, number in sorted(report.held_reasons.items()):
        table.add_row(f"  held: {reason}", str(number))
    table.add_row("mail sent", str(delivery.sent))
    table.add_row("mail to retry", str(delivery.retrying))
    table.add_row("mail failed", str(delivery.failed))
    if getattr(delivery, "deferred", 0) or getattr(delivery, "unavailable", ""):
        table.add_row(f"mail waiting ({delivery.unavailable})", str(delivery.deferred))
    for name, number in extra.items():
        table.add_row(name, str(number))
    console.print(table)
    if report.burst:        # the WARNING itself is the log line on stderr; this is the summary's word
        print(f"burst guard: {report.burst}")
    elif report.acks_held:
        print(f"acknowledgements held: {report.acks_held} (mailbot ack release --all to send them; "
              "--dry-run to see them first)")
    if not runtime.settings.uses_smtp and delivery.sent:
        console.print(f"outgoing mail written to {runtime.state_dir / 'outbox'}")


def print_dry_run(runtime: Runtime, report) -> None:
    """What a real `run --once` would do, in plain lines; nothing was changed."""
    print(f"dry run on {_source_name(runtime)}: nothing was changed (mailbox, register, outbox)")
    kinds = ", ".join(f"{kind} {number}" for kind, number in sorted(report.kinds.items()))
    print(f"would register {report.registered} message(s){': ' + kinds if kinds else ''}")
    if report.failed:
        print(f"would keep {report.failed} message(s) for review after a processing failure")
    print(f"would send {report.acks_queued} acknowledgement(s)")
    print(f"would hold {report.acks_held} acknowledgement(s)")
    for reason, number in sorted(report.held_reasons.items()):
        print(f"  held, {reason}: {number}")
    if report.burst:
        print(f"burst guard: {report.burst}")
    for reason, number in sorted(report.no_ack_reasons.items()):
        print(f"  contributions without acknowledgement, {reason}: {number}")
    if report.acks_held:
        print("held acknowledgements are sent with: mailbot ack release --all (or ID ...)")


def _source_name(runtime: Runtime) -> str:
    settings = runtime.settings
    if settings.uses_imap:
        return f"imap {settings.imap.host} {settings.imap.folder}"
    return f"maildir {settings.maildir.path}"


# (label, key in collect_status, how shown): times in the consultation's zone, counts right-aligned.
STATUS_ROWS = (
    ("source", "source", "text"), ("delivery", "delivery", "text"), ("state folder", "state_dir", "text"),
    ("last successful poll", "last_successful_poll", "time"),
    ("last failed poll", "last_failed_poll_at", "failed_poll"),
    ("messages", "messages", "count"), ("by kind", "by_kind", "counts"),
    ("needs review", "needs_review", "count"), ("processing failures", "processing_failures", "count"),
    ("outbox pending", "outbox_pending", "count"), ("outbox failed", "outbox_failed", "count"),
    ("outbox sent", "outbox_sent", "count"), ("oldest pending since", "outbox_oldest_pending", "time"),
)


def print_status(figures: dict, zone=None) -> None:
    """The status as a table for people: counts in their own rows, times local and labelled."""
    from datetime import timezone

    zone = zone or timezone.utc
    table = Table(title="mailbot status", show_header=False)
    table.add_column("what")
    table.add_column("value", overflow="fold")
    for label, key, how in STATUS_ROWS:
        value = figures.get(key)
        if how == "counts":
            for kind, number in sorted((value or {}).items()):
                table.add_row(f"  {kind}", str(number))
            continue
        if how == "time":
            value = local_minute(value, zone, empty="never")
        elif how == "failed_poll":
            value = "-" if value is None else \
                f"{local_minute(value, zone)}: {figures.get('last_failed_poll_reason') or '?'}"
        table.add_row(label, escape(str(value)))
    for line in figures.get("outbox_failures") or []:
        table.add_row("outbox failure", escape(line))
    for event in figures.get("recent_events") or []:
        table.add_row("event", escape(f"{local_minute(event['at'], zone)} {event['kind']}: {event['detail']}"))
    _console().print(table)
    if figures.get("acks_held"):
        print(f"acknowledgements held: {figures['acks_held']} (mailbot ack release --all to send them)")


def _console(soft_wrap: bool = False) -> Console:
    """Rich output that does not wrap at 80 columns when piped (a file or a grep sees whole lines)."""
    return Console(width=None if sys.stdout.isatty() else 200, soft_wrap=soft_wrap)


def print_message(runtime: Runtime, wanted: str) -> None:
    console = _console(soft_wrap=True)
    zone = display_zone(runtime)
    with runtime.session() as session:
        message = find_message(session, wanted)
        message_pk = message.id
        attachments = session.exec(select(Attachment).where(Attachment.message_pk == message_pk)
                                   .order_by(Attachment.position)).all()
        ack = session.exec(select(Outbox).where(Outbox.message_pk == message_pk,
                                                Outbox.purpose.in_(ACK_PURPOSES))).first()
        record = message_record(message, attachments, ack)
    console.print(f"message {message.id} {message.reference or ''}: received {local_minute(message.received_at, zone)}",
                  markup=False, highlight=False)
    decided = decision_line(message, zone)
    if decided:
        console.print(decided, markup=False, highlight=False)
    console.print_json(json.dumps(record, ensure_ascii=False))
    if message.ack_decision:
        console.print(f"acknowledgement decision: {message.ack_decision}", markup=False)
    if message.defects:
        console.print("[bold]defects[/bold]")
        for defect in message.defects:
            console.print(f"  - {defect}", markup=False)
    console.print("[bold]trail[/bold]")
    for hit in message.trail:
        states = f" -> {','.join(hit.get('states') or [])}" if hit.get("states") else ""
        console.print(f"  {hit['stage']:<11} {hit['rule']:<24} {hit['detail']}{states}", markup=False)
    if message.error_text:
        console.print("[bold red]error[/bold red]")
        console.print(message.error_text, markup=False)


def print_register(runtime: Runtime, limit: int, review_only: bool) -> None:
    zone = display_zone(runtime)
    with runtime.session() as session:
        records = list(iter_records(session))
    if review_only:
        records = [record for record in records if record["needs_review"]]
    if limit:
        records = records[-limit:]
    table = Table(title=f"register ({len(records)} shown)")
    for column in ("id", "received", "from", "kind", "states", "reference", "files", "ack", "review"):
        table.add_column(column, overflow="fold")
    for record in records:
        files = ", ".join(f"{att['filename'] or '?'} ({att['status']})" for att in record["attachments"])
        review = "; ".join(record["review_reasons"]) if record["needs_review"] else ""
        cells = (str(record["id"]), local_minute(record["received_at"], zone), record["from_address"] or "?",
                 record["kind"] + (" (late)" if record["late"] else ""), " ".join(record["states"]) or "-",
                 record["reference"] or "-", files or "-", record["ack"]["status"], review)
        table.add_row(*(escape(cell) for cell in cells))     # senders' text is never Rich markup
    Console(width=None if sys.stdout.isatty() else 220).print(table)


def print_search(runtime: Runtime, query: str, limit: int) -> None:
    # lazy: start-up time of status and list (search loads the extraction package)
    from mailbot.extraction.search import search

    with runtime.session() as session:
        hits = search(session, query, limit)
        messages = {message.id: message for message in session.exec(
            select(Message).where(Message.id.in_([pk for pk, _ in hits])))} if hits else {}
    console = Console(width=None if sys.stdout.isatty() else 200)
    if not hits:
        console.print(f"no message matches {query!r}", markup=False)
        return
    table = Table(title=f"{len(hits)} message(s) matching {query!r}")
    for column in ("id", "reference", "from", "states", "snippet"):
        table.add_column(column, overflow="fold")
    for message_pk, snippet in hits:
        message = messages.get(message_pk)
        if message is None:
            continue
        cells = (str(message_pk), message.reference or "-", message.from_address or "?",
                 " ".join(message.states or []) or "-", snippet.replace("\n", " "))
        table.add_row(*(escape(cell) for cell in cells))
    console.print(table)
