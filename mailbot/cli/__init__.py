"""The `mailbot` command: core commands plus the groups each area registers."""
from __future__ import annotations

import importlib
import sys

import typer

from mailbot.cli.context import CliContext
from mailbot.logsetup import report_fatal

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Mailbox automation for public consultations.")

# Each module exposes register(app); add a line to plug in a new area.
COMMAND_MODULES = (
    "mailbot.cli.core",
    "mailbot.cli.attribution",
    "mailbot.cli.correspondence",
    "mailbot.cli.acks",
    "mailbot.cli.auth",
)


@app.callback()
def _global(ctx: typer.Context,
            config: str = typer.Option(None, "--config", "-c", envvar="MAILBOT_CONFIG",
                                       help="TOML config file (default: none, the bundled demo)")) -> None:
    ctx.obj = CliContext(config_path=config)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


def main() -> None:
    """Run the command; every known error ends in one line on stderr and its exit code (see failures)."""
    from mailbot.cli.failures import describe, shows_help

    _register_all()
    try:
        code = app(standalone_mode=False)   # returns the code of typer.Exit in this mode
        if isinstance(code, int) and code:
            sys.exit(code)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except typer.Abort:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - anything not known below keeps its traceback (a bug)
        if shows_help(err):
            err.show()
            sys.exit(err.exit_code)
        known = describe(err)
        if known is None:
            raise
        line, exit_code = known
        report_fatal(line)
        sys.exit(exit_code)
