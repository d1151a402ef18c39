"""Environments for mailbot logging in with OAuth2 to the tests' Dovecot and SMTP sink."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from mailbot.config import DEMO_MAILDIR
from tests.e2e.mailbox import mailbot_env

DEMO_NOW = "2020-01-16T10:00+01:00"


def oauth_env(state_dir: Path, mailbox, sink, oauth, client, *, refresh_token_file: Path | None = None,
              **extra) -> dict[str, str]:
    """mailbot's environment: IMAP and SMTP with auth = oauth2 against the test OAuth2 server.
    No password is set anywhere; the client secret comes from the environment."""
    env = mailbot_env(state_dir, mailbox, sink)
    del env["MAILBOT_IMAP_PASSWORD"]
    env |= {"MAILBOT_IMAP_AUTH": "oauth2", "MAILBOT_SMTP_AUTH": "oauth2", "MAILBOT_SMTP_USER": mailbox.user,
            "MAILBOT_OAUTH2_PROVIDER": "generic", "MAILBOT_OAUTH2_TOKEN_URL": oauth.token_url,
            "MAILBOT_OAUTH2_DEVICE_URL": oauth.device_url, "MAILBOT_OAUTH2_CLIENT_ID": client.client_id,
            "MAILBOT_OAUTH2_CLIENT_SECRET": client.secret, "MAILBOT_OAUTH2_SCOPE": "mail",
            "MAILBOT_IMAP_RECONNECT_DELAY_SECONDS": "0.05",
            # The demo's mail is months old: these tests are about logging in, not first contact.
            "MAILBOT_ACK_BACKLOG_HOURS": "1000000"}
    if refresh_token_file is not None:
        env |= {"MAILBOT_OAUTH2_GRANT": "refresh_token", "MAILBOT_OAUTH2_REFRESH_TOKEN_FILE": str(refresh_token_file)}
    else:
        env["MAILBOT_OAUTH2_GRANT"] = "client_credentials"
    env |= {key: str(value) for key, value in extra.items()}
    return env


def append_demo_inbox(mailbox) -> int:
    """The demo's 14 messages into the IMAP INBOX, each with its Maildir name's arrival time."""
    files = sorted(path for folder in ("new", "cur") for path in (DEMO_MAILDIR / folder).iterdir()
                   if not path.name.startswith("."))
    for path in files:
        arrived = datetime.fromtimestamp(int(path.name.split(".")[0]), timezone.utc)
        mailbox.append("INBOX", path.read_bytes(), internaldate=arrived)
    return len(files)
