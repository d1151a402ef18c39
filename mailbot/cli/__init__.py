"""The `mailbot` command: core commands plus the groups each area registers.

In mailbot/cli/ a command imports its work inside its function: start-up time (`mailbot --help`,
and every command, loads only what it uses). This is the one reason for a function-level import here."""
from __future__ import annotations

import importlib
import sys

import typer

from mailbot.cli.context import CliContext
from mailbot.cli.failures import describe, shows_help
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
    "mailbot.cli.robots",
    "mailbot.cli.web",
)


def _show_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"mailbot {version('mailbot')}")
        except PackageNotFoundError:       # run from a checkout that was not installed
            typer.echo("mailbot (not installed)")
        raise typer.Exit()


@app.callback()
def _global(ctx: typer.Context,
            config: str = typer.Option(None, "--config", "-c", envvar="MAILBOT_CONFIG",
                                       help="TOML config file (default: none, the bundled demo)"),
            _version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                          help="Print mailbot's version and exit.")) -> None:
    ctx.obj = CliContext(config_path=config)


def build_command():
    """The click command tree of every area, with flags shown as flags in --help (not `--once <bool>`)."""
    _register_all()
    command = typer.main.get_command(app)
    _flags_as_flags(command)
    return command


def _flags_as_flags(command) -> None:
    for param in getattr(command, "params", ()):
        if getattr(param, "is_flag", False):
            param.metavar = ""
    make_help = command.get_help_option            # --help is made per call: tidy it as it is made

    def help_option(ctx, _make=make_help):
        option = _make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        _flags_as_flags(sub)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


def main() -> None:
    """Run the command; every known error ends in one line on stderr and its exit code (see failures)."""
    command = build_command()
    try:
        code = command.main(prog_name="mailbot", standalone_mode=False)   # returns typer.Exit's code here
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
