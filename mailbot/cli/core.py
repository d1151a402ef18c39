"""Core commands: run, status, show, export, reprocess."""
from __future__ import annotations

from typing import TYPE_CHECKING

import json
import sys

import typer

from mailbot.cli.options import now_option
from mailbot.cli.progress import message_progress
from mailbot.errors import DeliveryUnavailable, SourceError
from mailbot.lock import StateLock
from mailbot.timefmt import display_zone

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def register(app: typer.Typer) -> None:
    app.command("run")(run)
    app.command("status")(status)
    app.command("show")(show)
    app.command("list")(list_messages)
    app.command("export")(export)
    app.command("reprocess")(reprocess)
    app.command("search")(search)


def run(ctx: typer.Context,
        once: bool = typer.Option(False, "--once", help="One poll and one outbox flush, then exit."),
        now: str = now_option(),
        wait: float = typer.Option(0.0, "--wait", help="Seconds to wait for another worker to finish."),
        dry_run: bool = typer.Option(False, "--dry-run", help="With --once: read the mailbox, change nothing "
                                     "(mailbox, register, outbox) and print what a real run would do.")) -> None:
    """Poll the mailbox, register and acknowledge; with --once, a single pass."""
    if dry_run and not once:
        print("mailbot: run: --dry-run needs --once", file=sys.stderr)
        raise typer.Exit(2)
    runtime = ctx.obj.runtime(now)
    if dry_run:
        return _dry_run(runtime, wait)
    runtime.stop.install()          # SIGTERM/SIGINT: stop within [schedule] shutdown_seconds, no traceback
    try:
        with StateLock(runtime.state_dir, wait=wait):
            runtime.start_readers()
            runtime.preflight()
            if once:
                _run_once(runtime)
            else:
                from mailbot.schedule import run_forever   # lazy: CLI start-up time (the scheduler loads the worker)

                run_forever(runtime)
    finally:
        runtime.close()
    if runtime.stop.requested:
        print(runtime.stop.tally.line(), file=sys.stderr)
        if once:                    # a pass cut short: exit as the signal would (143 for SIGTERM)
            raise typer.Exit(128 + (runtime.stop.signum or 15))


def _dry_run(runtime: Runtime, wait: float) -> None:
    """The state folder is locked only if it exists (a dry run never creates it), so the copy is whole."""
    from contextlib import nullcontext

    from mailbot.cli.render import print_dry_run   # lazy: CLI start-up time (rendering loads rich and the register)
    from mailbot.dryrun import dry_run_once   # lazy: CLI start-up time (loads the worker)

    lock = StateLock(runtime.state_dir, wait=wait) if runtime.state_dir.is_dir() else nullcontext()
    with lock:
        report = dry_run_once(runtime)
    print_dry_run(runtime, report)


def _run_once(runtime: Runtime) -> None:
    # Lazy: CLI start-up time (the worker and delivery load the pipeline and the register).
    from mailbot.outbox.deliver import DeliveryReport, deliver_due
    from mailbot.worker import PollReport, poll_with_retries

    failure = None
    with message_progress() as tick:
        try:
            report = poll_with_retries(runtime, on_message=tick, deliver=True)
        except SourceError as err:      # the outbox and the calendar do not need the mailbox
            failure, report = err, getattr(err, "partial", None) or PollReport()
    delivery = DeliveryReport(sent=report.sent)
    if runtime.stop.requested:          # deliver what is decided, then stop (the caller says so)
        runtime.stop.tally.receipts_sent += deliver_due(runtime).sent
        return
    # The calendar drains the outbox before it writes the digest (which then reports what was sent);
    # the last flush sends what the calendar queued, the digest included.
    extra = _calendar_pass(runtime, flush=lambda: delivery.add(deliver_due(runtime)))
    delivery.add(deliver_due(runtime))
    # lazy: CLI start-up time (rendering loads rich and the register)
    from mailbot.cli.render import print_run_summary

    print_run_summary(runtime, report, delivery, extra)
    if failure is not None:
        raise failure
    if delivery.unavailable:
        raise DeliveryUnavailable(f"outgoing mail is waiting ({delivery.deferred} message(s)): "
                                  f"{delivery.unavailable}")


def _calendar_pass(runtime: Runtime, flush=None) -> dict:
    """With --once, also run the consultation's due calendar jobs (reminders, digest) if present."""
    from mailbot.correspondence.jobs import run_due   # lazy: CLI start-up time (loads APScheduler)

    return run_due(runtime, flush=flush)


def status(ctx: typer.Context, now: str = now_option(),
           as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Last successful poll, backlog, failures awaiting review, outbox failures."""
    from mailbot.status import collect_status   # lazy: CLI start-up time (loads the register)

    runtime = ctx.obj.runtime(now)
    figures = collect_status(runtime)
    if as_json:
        print(json.dumps(figures, indent=2, default=str))
        return
    from mailbot.cli.render import print_status   # lazy: CLI start-up time (rendering loads rich and the register)

    print_status(figures, display_zone(runtime))


def list_messages(ctx: typer.Context,
                  limit: int = typer.Option(50, "--limit", "-n", help="Newest N messages (0: all)."),
                  review: bool = typer.Option(False, "--review", help="Only what needs review.")) -> None:
    """The register as a table: reference, sender, kind, states, acknowledgement."""
    from mailbot.cli.render import print_register   # lazy: CLI start-up time (rendering loads rich and the register)

    print_register(ctx.obj.runtime(), limit=limit, review_only=review)


def show(ctx: typer.Context, message: str = typer.Argument(..., help="Register id or receipt number")) -> None:
    """Everything the register knows about one message, with the trail of decisions."""
    from mailbot.cli.render import print_message   # lazy: CLI start-up time (rendering loads rich and the register)

    runtime = ctx.obj.runtime()
    print_message(runtime, message)


def export(ctx: typer.Context,
           fmt: str = typer.Option("json", "--format", "-f", help="json or csv"),
           output: str = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout.")) -> None:
    """Print the register: one record per inbound message (see README, export contract)."""
    # lazy: CLI start-up time (loads the register)
    from mailbot.export_sql import iter_csv_rows, iter_json_records, write_csv_rows, write_json_texts

    if fmt not in ("json", "csv"):
        raise typer.BadParameter("format must be json or csv", param_hint="--format")
    runtime = ctx.obj.runtime()
    # Records are built by SQLite (the same as mailbot.export's, much faster at scale).
    writer, records = (write_json_texts, iter_json_records) if fmt == "json" else (write_csv_rows, iter_csv_rows)
    with runtime.session() as session:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                writer(records(session), handle)
        else:
            writer(records(session), sys.stdout)


def reprocess(ctx: typer.Context, message: str = typer.Argument(None, help="Register id or receipt number"),
              all_: bool = typer.Option(False, "--all", help="Every registered message."),
              now: str = now_option()) -> None:
    """Replay stored raw messages through the pipeline (manual decisions are kept)."""
    from mailbot.reprocess import reprocess_messages   # lazy: CLI start-up time (loads the pipeline)

    if (message is None) == (not all_):
        raise typer.BadParameter("give one register id, or --all")
    runtime = ctx.obj.runtime(now)
    wanted = None
    if not all_:
        from mailbot.store.lookup import find_message_id   # lazy: CLI start-up time (loads the register)

        with runtime.session() as session:
            wanted = [find_message_id(session, message)]
    with StateLock(runtime.state_dir):
        count = reprocess_messages(runtime, wanted)
    print(f"reprocessed {count} message(s)")


def search(ctx: typer.Context, query: str = typer.Argument(..., help='Words (all required), or "a phrase"'),
           limit: int = typer.Option(20, "--limit", "-n", help="At most N messages, best first.")) -> None:
    """Full-text search over messages and their documents' text."""
    from mailbot.cli.render import print_search   # lazy: CLI start-up time (rendering loads rich and the register)

    print_search(ctx.obj.runtime(), query, limit)
