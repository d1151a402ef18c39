"""`mailbot ack release`: send held acknowledgements (first contact, \\Answered, burst guard)."""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from mailbot.cli.options import now_option
from mailbot.errors import UnknownMessage
from mailbot.lock import StateLock

ack_app = typer.Typer(help="Held acknowledgements.", no_args_is_help=True)



def register(app: typer.Typer) -> None:
    app.add_typer(ack_app, name="ack")


@ack_app.command("release")
def release(ctx: typer.Context,
            messages: Optional[List[str]] = typer.Argument(None, help="Register ids or receipt numbers"),
            all_: bool = typer.Option(False, "--all", help="Every held acknowledgement."),
            dry_run: bool = typer.Option(False, "--dry-run", help="List what would be sent; send nothing."),
            now: str = now_option(),
            wait: float = typer.Option(30.0, "--wait", help="Seconds to wait for a running worker.")) -> None:
    """Send held acknowledgements through the outbox, each exactly once."""
    from mailbot.held import held_acks, release as release_one   # lazy: CLI start-up time (held loads the pipeline)

    if bool(messages) == all_:
        print("mailbot: ack release: give register ids or receipt numbers, or --all", file=sys.stderr)
        raise typer.Exit(2)
    runtime = ctx.obj.runtime(now)
    try:
        with StateLock(runtime.state_dir, wait=wait):
            with runtime.session() as session:
                try:
                    held, nothing = held_acks(session, None if all_ else list(messages))
                except UnknownMessage as err:      # a usage error: one line, exit 2
                    print(f"mailbot: ack release: {err}", file=sys.stderr)
                    raise typer.Exit(2) from err
            for selector in nothing:
                print(f"{selector}: no held acknowledgement (already released, sent, or never held)")
            zone = runtime.consultation.zone
            released = 0
            for ack in held:
                arrived = f"arrived {ack.received_at.astimezone(zone):%Y-%m-%d %H:%M %Z}; "
                if ack.reason.startswith("arrived "):      # the first-contact reason already says it
                    arrived = ""
                line = (f"{ack.purpose} {ack.reference or '-'} to {ack.recipient} (message {ack.message_pk}; "
                        f"{arrived}held: {ack.reason})")
                if dry_run:
                    print(f"would send {line}")
                elif release_one(runtime, ack):
                    released += 1
                    print(f"released {line}")
            if dry_run:
                print(f"would send {_count(len(held))}")
                return
            from mailbot.outbox.deliver import deliver_due   # lazy: CLI start-up time (delivery loads the register)

            delivery = deliver_due(runtime) if released else None
            sent = f"; mail sent now: {delivery.sent}" if delivery else ""
            print(f"released {_count(released)}{sent}")
    finally:
        runtime.close()


def _count(number: int) -> str:
    return f"{number} acknowledgement{'s' if number != 1 else ''}"
