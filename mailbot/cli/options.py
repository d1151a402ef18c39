"""Options shared by many commands, parsed in one place (commands of every area use these)."""
from __future__ import annotations

import typer

from mailbot.clock import NOW_EXAMPLE, parse_now
from mailbot.errors import BadInstant

NOW_HELP = f"Pretend it is this instant (ISO 8601, e.g. {NOW_EXAMPLE}; without an offset, UTC)."


def _instant(text: str) -> str:
    """Checked here, so a typo is refused before any work; the command still gets the text."""
    if text is not None:
        try:
            parse_now(text)
        except BadInstant as err:      # the parser names the option itself
            raise typer.BadParameter(str(err).removeprefix("--now: ")) from err
    return text


def now_option(help: str = NOW_HELP):
    """`--now ISO-8601`: a bad value ends in one line and exit 2 (via mailbot.cli.failures)."""
    return typer.Option(None, "--now", help=help, parser=_instant, metavar="ISO-8601")
