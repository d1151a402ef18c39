"""`mailbot auth check` and `mailbot auth login --device`: the OAuth2 login, tried and set up."""
from __future__ import annotations

from typing import TYPE_CHECKING

import time

import typer

from mailbot.errors import ConfigError, MailbotError

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="OAuth2 login for IMAP and SMTP: check it, or sign in once (device flow).",
                        no_args_is_help=True)
    group.command("check")(check)
    group.command("login")(login)
    app.add_typer(group, name="auth")


def check(ctx: typer.Context) -> None:
    """Log in to IMAP and SMTP as configured and say what worked, or exactly why not (exit 1)."""
    runtime = ctx.obj.runtime()
    settings = runtime.settings
    failed = False
    if runtime.tokens is not None:
        failed |= not _report("OAuth2", lambda: _token_line(runtime.tokens))
    if settings.uses_imap:
        failed |= not _report("IMAP", lambda: _imap_line(runtime))
    if settings.uses_smtp:
        failed |= not _report("SMTP", lambda: _smtp_line(runtime))
    if not (settings.uses_imap or settings.uses_smtp):
        print("nothing to check: no IMAP or SMTP host is configured "
              "(the demo inbox and the file outbox need no login)")
    if failed:
        raise typer.Exit(1)


def _report(what: str, attempt) -> bool:
    try:
        print(f"{what}: {attempt()}")
        return True
    except ConfigError:
        raise                               # exit 2 with the key, like every other command
    except MailbotError as err:
        print(f"{what}: FAILED: {err}")
        return False


def _token_line(tokens) -> str:
    token = tokens.refresh()          # asked now, not taken from the cache: the endpoint's answer today
    profile = tokens.profile
    return (f"token ok from {profile.token_url} ({profile.grant} grant, client {profile.client_id}, "
            f"scope {token.scope or profile.scope}), expires in {token.minutes_left(time.time())}")


def _imap_line(runtime: Runtime) -> str:
    source = runtime.make_source()
    imap = runtime.settings.imap
    try:
        source.connect()
    finally:
        source.close()
    how = source.login_note if imap.auth == "oauth2" else "password"
    mechanism, _, rest = how.partition(", ")
    return (f"{mechanism} ok as {imap.user} on {imap.host}, folder {imap.folder} opened"
            + (f", {rest}" if rest else ""))


def _smtp_line(runtime: Runtime) -> str:
    transport = runtime.transport
    smtp = runtime.settings.smtp
    try:
        transport.login_check()
    finally:
        transport.close()
    if smtp.auth != "oauth2":
        return (f"password ok as {smtp.user} on {smtp.host}" if smtp.user
                else f"connected to {smtp.host} (no login configured)")
    mechanism, _, rest = transport.login_note.partition(", ")
    return f"{mechanism} ok as {smtp.user} on {smtp.host}" + (f", {rest}" if rest else "")


def login(ctx: typer.Context,
          device: bool = typer.Option(False, "--device",
                                      help="Sign in with the device flow (RFC 8628).")) -> None:
    """Sign in once as the mailbox's owner and store the refresh token in the state folder (0600)."""
    # Lazy: CLI start-up time (only this command signs in).
    from mailbot.auth.tokens import make_token_source
    from mailbot.auth.device import device_login
    from mailbot.auth.profile import Grant

    if not device:
        raise typer.BadParameter("only the device flow is offered: mailbot auth login --device",
                                 param_hint="--device")
    runtime = ctx.obj.runtime()
    tokens = make_token_source(runtime.settings, runtime.state_dir, grant=Grant.REFRESH_TOKEN)
    try:
        token = device_login(tokens, say=lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print("sign-in cancelled; nothing stored")
        raise typer.Exit(130) from None
    print(f"signed in: refresh token stored in {tokens.cache.path} (mode 0600); access token valid "
          f"{token.minutes_left(time.time())}. With oauth2.grant = \"refresh_token\", "
          "`mailbot auth check` and `mailbot run` use it.")
