"""The `mailbot` command: core commands plus the groups each area registers."""
from __future__ import annotations

import importlib
import sys

import typer

from mailbot.cli.context import CliContext
from mailbot.errors import ConfigError, LockedError, MailbotError, RuleError
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
    "mailbot.cli.web",
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
    _register_all()
    try:
        code = app(standalone_mode=False)   # returns the code of typer.Exit in this mode
        if isinstance(code, int) and code:
            sys.exit(code)
    except (ConfigError, RuleError) as err:
        report_fatal(f"mailbot: configuration refused: {err}")
        sys.exit(2)
    except LockedError as err:
        report_fatal(f"mailbot: {err}; nothing done")
        sys.exit(0)
    except MailbotError as err:
        report_fatal(f"mailbot: {err}")
        sys.exit(1)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except typer.Abort:
        sys.exit(130)
    except Exception as err:  # usage errors from the command-line parser
        show = getattr(err, "show", None)
        if callable(show) and hasattr(err, "exit_code"):
            show()
            sys.exit(err.exit_code)
        raise
