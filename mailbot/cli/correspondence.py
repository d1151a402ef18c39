"""`mailbot preview ...` and `mailbot notices ...`: see what would be sent, and send milestone notices."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from html import escape
from typing import TYPE_CHECKING, Any, Optional

import typer

from mailbot.cli.failures import exit_for
from mailbot.cli.options import now_option
from mailbot.clock import Clock, SystemClock, parse_now
from mailbot.config import Settings, load_settings
from mailbot.consultation import LANGUAGES, Consultation, load_consultation
from mailbot.errors import MailbotError
from mailbot.reference import ReferenceData, reference_data

if TYPE_CHECKING:   # annotations only: each command loads its work when it runs (start-up time of every command)
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from mailbot.correspondence.render import Rendered
    from mailbot.outbox.mail import OutgoingMail
    from mailbot.store.models import Message

preview_app = typer.Typer(
    help="Show what mailbot would send, without sending anything.", no_args_is_help=True
)
notices_app = typer.Typer(help="Deadline reminders and milestone notices.", no_args_is_help=True)
send_app = typer.Typer(help="Queue notices for delivery now.", no_args_is_help=True)
notices_app.add_typer(send_app, name="send")

NOW_HELP = "Pretend it is this moment (ISO 8601, e.g. 2020-01-15T23:30+01:00; without an offset, UTC)."


def register(app: typer.Typer) -> None:
    """Add `preview` and `notices` to the main command line."""
    app.add_typer(preview_app, name="preview")
    app.add_typer(notices_app, name="notices")


@dataclass
class _Runtime:
    settings: Settings
    engine: Engine
    consultation: Consultation
    clock: Clock

    @property
    def reference(self) -> ReferenceData:
        return reference_data(self.settings.attribution.focal_points)


def _runtime(ctx: typer.Context, now: Optional[str] = None) -> tuple[Any, datetime]:
    """The runtime and "now": from the core CLI's context (ctx.obj.runtime(now)), from an object with
    settings/engine/consultation (tests), or built from MAILBOT_CONFIG when this module runs alone."""
    obj = ctx.find_root().obj
    if callable(getattr(obj, "runtime", None)):
        runtime = obj.runtime(now)
        return runtime, runtime.clock.now()
    try:
        clock = parse_now(now) if now else SystemClock()
    except ValueError as err:
        raise typer.BadParameter(f"not an ISO 8601 date-time: {now!r}", param_hint="--now") from err
    if obj is not None and hasattr(obj, "settings") and hasattr(obj, "engine"):
        return _Runtime(obj.settings, obj.engine, obj.consultation, clock), clock.now()
    settings = load_settings(os.environ.get("MAILBOT_CONFIG"))
    from mailbot.store.db import open_engine   # lazy: CLI start-up time (loads the register)

    runtime = _Runtime(
        settings, open_engine(Path(settings.state_dir)), load_consultation(settings.consultation.file), clock
    )
    return runtime, clock.now()


def _out_dir(runtime: _Runtime, out: Optional[Path]) -> Path:
    folder = out or Path(runtime.settings.state_dir) / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _show(rendered: Rendered | OutgoingMail, path: Path) -> None:
    path.write_text(rendered.html or "", encoding="utf-8")
    typer.echo(f"Subject: {rendered.subject}\n\n{rendered.text}")
    typer.echo(f"HTML version: {path}")


def _fail(err: Exception) -> typer.Exit:
    """One line and its exit code, as every command gives them (mailbot.cli.failures)."""
    return exit_for(err)


@preview_app.command("ack")
def preview_ack(
    ctx: typer.Context,
    message: str = typer.Argument(..., help="Message number or receipt number."),
    lang: Optional[str] = typer.Option(None, "--lang", help="One of en fr es ru ar zh."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the HTML file."),
) -> None:
    """The acknowledgement a registered message gets (or got), in its language or --lang: built and
    composed by the very functions the pipeline queues it with (the .eml is written next to the HTML)."""
    if lang is not None and lang not in LANGUAGES:
        raise typer.BadParameter(f"choose one of {', '.join(LANGUAGES)}", param_hint="--lang")
    from sqlmodel import Session

    from mailbot.correspondence.ack_mail import ack_mail, no_ack_reason
    from mailbot.outbox.mail import compose

    try:
        runtime, moment = _runtime(ctx)
        with Session(runtime.engine) as session:
            row = _find_message(session, message)
            reason = no_ack_reason(row)
            if reason is None:
                usual = runtime.reference.usual_languages
                mail = ack_mail(session, row, runtime.consultation, usual_language=usual, lang=lang)
                raw = compose(mail, runtime.settings, moment)
    except MailbotError as err:
        raise _fail(err) from err
    if reason is not None:
        typer.echo(f"no acknowledgement: {reason}")
        return
    safe = "".join(char if char.isalnum() or char in "-_" else "_" for char in message)
    path = _out_dir(runtime, out) / f"ack-{safe}.{mail.language}.html"
    path.with_suffix(".eml").write_bytes(raw)
    _show(mail, path)
    typer.echo(f"Whole message (as queued, but its Date): {path.with_suffix('.eml')}")


def _find_message(session: Session, wanted: str) -> Message:
    from mailbot.store.lookup import find_message   # lazy: CLI start-up time (loads the register)

    return find_message(session, wanted)


@preview_app.command("digest")
def preview_digest(
    ctx: typer.Context,
    now: Optional[str] = now_option(),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the HTML file."),
) -> None:
    """The digest as it would go out at --now (nothing is queued)."""
    from sqlmodel import Session

    from mailbot.correspondence.digest import render_digest

    try:
        runtime, moment = _runtime(ctx, now)
        with Session(runtime.engine) as session:
            rendered = render_digest(session, runtime.consultation, moment)
    except MailbotError as err:
        raise _fail(err) from err
    day = runtime.consultation.today(moment).isoformat()
    _show(rendered, _out_dir(runtime, out) / f"digest-{day}.html")


@notices_app.command("plan")
def notices_plan(
    ctx: typer.Context,
    now: Optional[str] = now_option(),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the HTML files."),
) -> None:
    """Who would get what today (reminders, milestone notices, digest), without queuing anything."""
    from sqlmodel import Session

    from mailbot.correspondence.digest import plan_digest
    from mailbot.correspondence.milestones import plan_milestones
    from mailbot.correspondence.reminders import plan_reminders

    try:
        runtime, moment = _runtime(ctx, now)
        reference = runtime.reference
        with Session(runtime.engine) as session:
            common = {"settings": runtime.settings}
            rows = (
                plan_reminders(session, runtime.consultation, moment, reference=reference, **common)
                + plan_milestones(session, runtime.consultation, moment, reference=reference, **common)
                + plan_digest(session, runtime.consultation, moment, **common)
            )
    except MailbotError as err:
        raise _fail(err) from err
    folder = _out_dir(runtime, out) / f"plan-{runtime.consultation.today(moment).isoformat()}"
    folder.mkdir(parents=True, exist_ok=True)
    typer.echo(f"{len(rows)} message(s) would be queued on {runtime.consultation.today(moment).isoformat()}:")
    for row in rows:
        typer.echo(f"  {row.key}  [{row.language}]  to {', '.join(row.recipients)}\n    {row.subject}")
    index = _write_plan(folder, rows)
    typer.echo(f"HTML: {index}")


def _write_plan(folder: Path, rows: list[OutgoingMail]) -> Path:
    """One HTML file per planned message and an index page linking them."""
    items = []
    for number, row in enumerate(rows, start=1):
        name = f"{number:03d}.html"
        (folder / name).write_text(row.html or "", encoding="utf-8")
        items.append(
            f'<li><a href="{name}">{escape(row.key)}</a> [{escape(row.language or "")}] '
            f"to {escape(', '.join(row.recipients))}: {escape(row.subject)}</li>"
        )
    index = folder / "index.html"
    body = "\n".join(items) or "<li>Nothing to send.</li>"
    index.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Plan</title></head>'
        f"<body><h1>Planned messages</h1><ul>\n{body}\n</ul></body></html>\n",
        encoding="utf-8",
    )
    return index



@send_app.command("milestone")
def send_milestone(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Milestone name, e.g. draft_posted."),
    link: Optional[str] = typer.Option(None, "--link", help="Address of the document announced."),
    now: Optional[str] = now_option(),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the HTML file."),
) -> None:
    """Queue the milestone's notice to every contributor not yet notified (delivery sends it)."""
    from sqlmodel import Session

    from mailbot.correspondence.milestones import plan_milestones
    from mailbot.outbox.queue import enqueue_all

    try:
        runtime, moment = _runtime(ctx, now)
        known = [milestone.name for milestone in runtime.consultation.milestones]
        if name not in known:
            raise typer.BadParameter(f"unknown milestone; known: {', '.join(known)}", param_hint="NAME")
        with Session(runtime.engine) as session:
            rows = plan_milestones(
                session,
                runtime.consultation,
                moment,
                settings=runtime.settings,
                reference=runtime.reference,
                names=[name],
                link=link,
            )
            keys = enqueue_all(session, rows, settings=runtime.settings, now=moment)
            session.commit()
    except (MailbotError, ValueError) as err:
        raise _fail(err) from err
    typer.echo(f"{len(keys)} notice(s) queued for {name}.")
    if rows:
        sample = rows[0]
        path = _out_dir(runtime, out) / f"milestone-{name}.html"
        path.write_text(sample.html or "", encoding="utf-8")
        typer.echo(
            f"Sample ({sample.language}) to {', '.join(sample.recipients)}:\nSubject: {sample.subject}\n"
        )
        typer.echo(sample.text)
        typer.echo(f"HTML version: {path}")



def main() -> None:  # pragma: no cover - for running this module alone before the CLI core wires it
    app = typer.Typer(no_args_is_help=True)
    register(app)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
