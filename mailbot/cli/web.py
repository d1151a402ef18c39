"""`mailbot web` (the Secretariat's desk) and `mailbot user add|list|remove` (who may log in)."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import datetime, timezone

import typer

from mailbot.errors import MailbotError
from mailbot.store.account_tables import Role

user_app = typer.Typer(help="Who may log in to `mailbot web`, and with which role.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("web")(web)
    app.add_typer(user_app, name="user")


def web(ctx: typer.Context,
        host: str = typer.Option(None, "--host", help="Listen address (default: web.host, 127.0.0.1)"),
        port: int = typer.Option(None, "--port", min=1, max=65535, help="Port (default: web.port, 8025)"),
        now: str = typer.Option(None, "--now", help="Pretend it is this instant on the Today page (ISO 8601).")):
    """Serve the register, the review queue and the evidence to a browser, behind a login."""
    import uvicorn

    from mailbot.web.app import create_app   # lazy: CLI start-up time (the web desk loads Starlette and its pages)

    runtime = ctx.obj.runtime(now)
    settings = runtime.settings.web
    from mailbot.store.accounts import list_users   # lazy: CLI start-up time (accounts load argon2)

    with runtime.session() as session:      # opens and migrates the register before listening
        if not list_users(session):
            typer.echo("mailbot web: no users yet; add one first: "
                       "mailbot user add NAME --role admin --password-stdin", err=True)
    app = create_app(runtime)
    _check_free(host or settings.host, port or settings.port)
    typer.echo(f"mailbot web: http://{host or settings.host}:{port or settings.port}/ "
               f"(register {runtime.state_dir}); Ctrl-C stops it", err=True)
    # Proxy headers are read by mailbot.web itself, and only from [web] trusted_proxy.
    uvicorn.run(app, host=host or settings.host, port=port or settings.port, proxy_headers=False,
                server_header=False, log_level="warning", access_log=False)


def _check_free(host: str, port: int) -> None:
    """Refuse in one line (exit 1) when the address cannot be listened on, before uvicorn tries."""
    import socket

    try:
        with socket.create_server((host, port), reuse_port=False):
            pass
    except OSError as err:
        raise MailbotError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err


@contextmanager
def _refusal():
    """A refused name, password or removal is a usage error: one line, exit 2."""
    from mailbot.store.accounts import AccountError   # lazy: CLI start-up time (accounts load argon2)

    try:
        yield
    except AccountError as err:
        typer.echo(f"mailbot: {err}", err=True)
        raise typer.Exit(2) from err


@user_app.command("add")
def user_add(ctx: typer.Context, name: str = typer.Argument(..., help="Login name"),
             role: Role = typer.Option(..., "--role", help="viewer, reviewer or admin"),
             password_stdin: bool = typer.Option(False, "--password-stdin",
                                                 help="Read the password from standard input (required).")):
    """Add a user; the password is read from standard input and kept only as an argon2 hash."""
    from mailbot.store.accounts import add_user   # lazy: CLI start-up time (accounts load argon2)

    if not password_stdin:
        raise typer.BadParameter("give --password-stdin and the password on standard input "
                                 "(never on the command line)", param_hint="--password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    runtime = ctx.obj.runtime()
    with _refusal(), runtime.session() as session:
        add_user(session, name, role, password, datetime.now(timezone.utc))
        session.commit()
    typer.echo(f"user {name} added as {role.value}")


@user_app.command("list")
def user_list(ctx: typer.Context):
    """Every user with their role."""
    from mailbot.store.accounts import list_users   # lazy: CLI start-up time (accounts load argon2)

    with ctx.obj.runtime().session() as session:
        users = list_users(session)
    for user in users:
        typer.echo(f"{user.name}\t{user.role}\tadded {user.created_at:%Y-%m-%d %H:%M} UTC")
    if not users:
        typer.echo("no users yet: mailbot user add NAME --role admin --password-stdin")


@user_app.command("remove")
def user_remove(ctx: typer.Context, name: str = typer.Argument(..., help="Login name")):
    """Remove a user; their open sessions end at once."""
    from mailbot.store.accounts import remove_user   # lazy: CLI start-up time (accounts load argon2)

    with _refusal(), ctx.obj.runtime().session() as session:
        remove_user(session, name, datetime.now(timezone.utc))
        session.commit()
    typer.echo(f"user {name} removed")
