"""Commands: rules check, explain, reattribute, review list / set.

The main app calls `register(app, get_runtime)`. `get_runtime()` returns an object with:
    settings          mailbot.config.Settings
    session_factory() a sqlmodel Session (usable as a context manager) on the register
    rebuild_item(msg) a WorkItem rebuilt from a Message row (raw bytes re-parsed, extracts from cache)
    history(session)  a mailbot.attribution.History over the register
and optionally `actor` (who is typing; default: the login name).
"""
from __future__ import annotations

import getpass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import typer

from mailbot.errors import MailbotError


def register(app: typer.Typer, get_runtime: Callable[[], object]) -> None:
    rules_app = typer.Typer(help="Check the admin rule files.", no_args_is_help=True)
    review_app = typer.Typer(help="Messages that need a human decision.", no_args_is_help=True)
    app.add_typer(rules_app, name="rules")
    app.add_typer(review_app, name="review")

    @rules_app.command("check")
    def rules_check(directory: Optional[Path] = typer.Option(None, "--dir", help="Rules folder (default: config)")):
        """Validate every rule file and run the rules' examples; exit 1 on any problem."""
        from mailbot.cli.attribution_commands import check_rules
        settings = get_runtime().settings
        problems, summary = check_rules(settings, directory)
        for problem in problems:
            typer.echo(str(problem), err=True)
        typer.echo(summary)
        raise typer.Exit(1 if problems else 0)

    @app.command("explain")
    def explain(target: str = typer.Argument(..., help="Register id, or a .eml file")):
        """Print the decision and the evidence trail; changes nothing."""
        from mailbot.cli.attribution_commands import explain_target
        typer.echo(explain_target(get_runtime, target))

    @app.command("reattribute")
    def reattribute(dry_run: bool = typer.Option(False, "--dry-run", help="Show changes, write nothing")):
        """Attribute every registered contribution again under the current rules (manual decisions kept)."""
        from mailbot.cli.attribution_commands import reattribute_all
        for line in reattribute_all(get_runtime(), dry_run=dry_run):
            typer.echo(line)

    @review_app.command("list")
    def review_list(show_all: bool = typer.Option(False, "--all", help="Include decided ones")):
        """Messages that need a human, with the reasons."""
        from mailbot.cli.attribution_commands import review_rows
        rows = review_rows(get_runtime(), show_all=show_all)
        for line in rows or ["nothing needs review"]:
            typer.echo(line)

    @review_app.command("set")
    def review_set(message_id: int = typer.Argument(..., help="Register id"),
                   states: str = typer.Option(..., "--states", help="ISO alpha-3 codes, comma-separated ('' = none)"),
                   note: str = typer.Option("", "--note"),
                   learn_sender: bool = typer.Option(False, "--learn-sender",
                                                     help="Add the sender to the focal points of the (single) state")):
        """Record a human decision; it survives reprocessing and reattribution."""
        from mailbot.cli.attribution_commands import set_review
        runtime = get_runtime()
        actor = getattr(runtime, "actor", None) or getpass.getuser()
        try:
            for line in set_review(runtime, message_id, states, note, actor, learn_sender,
                                   now=datetime.now(timezone.utc)):
                typer.echo(line)
        except MailbotError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(2) from err
