"""Commands: rules check, explain, reattribute, review list / set.

The main app calls `register(app)` (or `register(app, get_runtime)`). The runtime, by default the
one of the root typer context (`ctx.obj.runtime()`), gives:
    settings           mailbot.config.Settings
    session_factory()  a sqlmodel Session (usable as a context manager) on the register
    raw_store.get(sha) the raw bytes, to replay parse/extract/classify (or a `rebuild_item(message)`)
and optionally `actor` (who is typing; default: the login name).
"""
from __future__ import annotations

import getpass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import typer

from mailbot.cli.failures import exit_for
from mailbot.errors import MailbotError

# mailbot.review (the work behind these commands) is imported inside each command: it loads the
# pipeline and attribution (~0.8 s), which `mailbot --help` and every other command should not pay.


def register(app: typer.Typer, get_runtime: Callable[[], object] | None = None) -> None:
    def runtime_of(ctx: typer.Context):
        return get_runtime() if get_runtime is not None else ctx.find_root().obj.runtime()
    rules_app = typer.Typer(help="Check the admin rule files.", no_args_is_help=True)
    review_app = typer.Typer(help="Messages that need a human decision.", no_args_is_help=True)
    app.add_typer(rules_app, name="rules")
    app.add_typer(review_app, name="review")

    @rules_app.command("check")
    def rules_check(ctx: typer.Context,
                    directory: Optional[Path] = typer.Option(None, "--dir", help="Rules folder (default: config)")):
        """Validate every rule file and run the rules' examples; exit 1 on any problem."""
        from mailbot.review import check_rules   # lazy: CLI start-up time (review loads attribution)
        settings = runtime_of(ctx).settings
        problems, summary = check_rules(settings, directory)
        for problem in problems:
            typer.echo(str(problem), err=True)
        typer.echo(summary)
        raise typer.Exit(1 if problems else 0)

    @app.command("explain")
    def explain(ctx: typer.Context, target: str = typer.Argument(..., help="Register id, receipt number, or a .eml file")):
        """Print the decision and the evidence trail; changes nothing."""
        from mailbot.review import explain_target   # lazy: CLI start-up time (review loads attribution)
        typer.echo(explain_target(lambda: runtime_of(ctx), target))

    @app.command("reattribute")
    def reattribute(ctx: typer.Context,
                    dry_run: bool = typer.Option(False, "--dry-run", help="Show changes, write nothing")):
        """Attribute every registered contribution again under the current rules (manual decisions kept)."""
        from mailbot.review import reattribute_all   # lazy: CLI start-up time (review loads attribution)
        for line in reattribute_all(runtime_of(ctx), dry_run=dry_run):
            typer.echo(line)

    @review_app.command("list")
    def review_list(ctx: typer.Context, show_all: bool = typer.Option(False, "--all", help="Include decided ones")):
        """Messages that need a human, with the reasons."""
        from mailbot.review import review_rows   # lazy: CLI start-up time (review loads attribution)
        rows = review_rows(runtime_of(ctx), show_all=show_all)
        for line in rows or ["nothing needs review"]:
            typer.echo(line)

    @review_app.command("set")
    def review_set(ctx: typer.Context, message_id: str = typer.Argument(..., help="Register id or receipt number"),
                   states: Optional[str] = typer.Option(None, "--states", help="ISO alpha-3 codes, comma-separated "
                                                        "('' = none; left out: the states it has now)"),
                   note: str = typer.Option("", "--note", help="Why: kept with the decision, shown in show, "
                                                                "explain and the export"),
                   kind: str = typer.Option("", "--kind", help="The kind a person decides (contribution, reply, "
                                                                "auto_reply, other ...; default: the machine's)"),
                   learn_sender: bool = typer.Option(False, "--learn-sender",
                                                     help="Add the sender to the focal points of the (single) state")):
        """Record a human decision; it survives reprocessing and reattribution."""
        from mailbot.review import set_review   # lazy: CLI start-up time (review loads attribution)
        runtime = runtime_of(ctx)
        actor = getattr(runtime, "actor", None) or getpass.getuser()
        try:
            for line in set_review(runtime, message_id, states, note, actor, learn_sender,
                                   now=datetime.now(timezone.utc), kind=kind):
                typer.echo(line)
        except MailbotError as err:
            raise exit_for(err) from err
