"""Commands: suppressions list / add / remove (the addresses no outgoing mail goes to after a permanent bounce)."""
from __future__ import annotations

import json
import re
from datetime import timezone

import typer

from mailbot.errors import MailbotError, UsageError

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def register(app: typer.Typer) -> None:
    suppressions_app = typer.Typer(help="Addresses that bounced permanently: no outgoing mail goes to them.",
                                   no_args_is_help=True)
    app.add_typer(suppressions_app, name="suppressions")

    @suppressions_app.command("list")
    def suppressions_list(ctx: typer.Context,
                          as_json: bool = typer.Option(False, "--json", help="One JSON array")) -> None:
        """The suppression list: address, when it bounced (UTC), status and the server's words."""
        from mailbot.store.suppression import active   # lazy: CLI start-up time (loads the register)

        runtime = ctx.find_root().obj.runtime()
        with runtime.session() as session:
            rows = [_row(entry) for entry in active(session)]
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for row in rows:
            typer.echo(f"{row['address']}  bounced {row['bounced_at']}  {row['status'] or '-'}  "
                       f"{_printable(row['diagnostic'])[:160]}  (message {row['message'] or '-'})")
        typer.echo(f"{len(rows)} suppressed address{'es' if len(rows) != 1 else ''}")

    @suppressions_app.command("add")
    def suppressions_add(ctx: typer.Context, address: str = typer.Argument(..., help="The address to stop writing to"),
                         note: str = typer.Option("", "--note", help="Why (kept with the entry, shown by list)")) -> None:
        """Put an address on the list by hand (a bounce a person checked; mailbot suppresses on its own
        only a report tied to mail it sent)."""
        address = address.strip()
        if "@" not in address or CONTROL.search(address) or " " in address:
            raise UsageError(f"not an email address: {_printable(address)[:200]!r}")
        from mailbot.store.suppression import suppress   # lazy: CLI start-up time (loads the register)

        runtime = ctx.find_root().obj.runtime()
        with runtime.session() as session:
            suppress(session, address, bounced_at=runtime.clock.now(), status="",
                     diagnostic=f"added by hand: {note}" if note else "added by hand", message_pk=None)
            session.commit()
        typer.echo(f"{address.lower()} added to the suppression list; no outgoing mail goes to it "
                   f"(mailbot suppressions remove {address.lower()} undoes it)")

    @suppressions_app.command("remove")
    def suppressions_remove(ctx: typer.Context, address: str = typer.Argument(..., help="The address to write to again"),
                            note: str = typer.Option("", "--note", help="Why (kept with the entry)")) -> None:
        """Take an address off the list: reminders and notices go to it again."""
        from mailbot.store.suppression import remove   # lazy: CLI start-up time (loads the register)

        runtime = ctx.find_root().obj.runtime()
        with runtime.session() as session:
            row = remove(session, address, at=runtime.clock.now(), note=note or "removed by hand")
            if row is None:
                raise MailbotError(f"{_printable(address)[:200]} is not on the suppression list")
            session.commit()
        typer.echo(f"{row.address} removed from the suppression list; mail goes to it again")


def _row(entry) -> dict:
    return {"address": entry.address,
            "bounced_at": entry.bounced_at.astimezone(timezone.utc).isoformat() if entry.bounced_at.tzinfo
            else entry.bounced_at.replace(tzinfo=timezone.utc).isoformat(),
            "status": entry.status, "diagnostic": entry.diagnostic, "message": entry.message_pk}


def _printable(text: str) -> str:
    """Words from a remote server, shown on a terminal: no control characters (escape sequences)."""
    return CONTROL.sub(" ", text or "")
