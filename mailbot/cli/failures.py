"""The one place that turns a known error into one line on stderr and a documented exit code.

    0  ok (and "another worker holds the state folder": nothing to do)
    1  failure at run time (mailbox or SMTP server down, a store write failed)
    2  usage or configuration (bad option, unknown id, config key or value, state folder not writable)
"""
from __future__ import annotations

from mailbot.errors import ConfigError, LockedError, MailbotError, RuleError, UsageError
from parsers.errors import ParserError

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def describe(err: BaseException) -> tuple[str, int] | None:
    """(line, exit code) for an error a person can act on; None for a bug (left to show its traceback)."""
    if isinstance(err, (ConfigError, RuleError)):
        return f"mailbot: configuration refused: {err}", EXIT_USAGE
    if isinstance(err, UsageError):
        return f"mailbot: {err}", EXIT_USAGE
    if isinstance(err, LockedError):
        return f"mailbot: {err}; nothing done", EXIT_OK
    if isinstance(err, (MailbotError, ParserError)):   # a message or document that cannot be read
        return f"mailbot: {err}", EXIT_FAILURE
    if isinstance(err, PermissionError):   # the environment, not the input: fix the folder's rights
        return f"mailbot: cannot write {err.filename or 'a file'}: permission denied", EXIT_USAGE
    if isinstance(err, OSError) and err.strerror:
        return f"mailbot: {err.filename or 'input/output'}: {err.strerror}", EXIT_FAILURE
    if _is_usage(err):
        return _usage_line(err), getattr(err, "exit_code", EXIT_USAGE)
    return None


def _is_usage(err: BaseException) -> bool:
    """A command-line parser error (typer's own click): it knows its message and exit code."""
    return callable(getattr(err, "format_message", None)) and hasattr(err, "exit_code")


def _usage_line(err) -> str:
    ctx = getattr(err, "ctx", None)
    where = getattr(ctx, "command_path", None) or "mailbot"
    return f"{where}: " + " ".join(err.format_message().split())


def shows_help(err: BaseException) -> bool:
    """`mailbot` or `mailbot review` alone: the parser prints the help, which is what was asked for."""
    return type(err).__name__ == "NoArgsIsHelpError"


def exit_for(err: BaseException):
    """For a command that must end itself (tests drive it without main()): print the line, return typer.Exit."""
    import typer

    line, code = describe(err) or (f"mailbot: {err}", EXIT_FAILURE)
    typer.echo(line, err=True)
    return typer.Exit(code=code)
