"""Choose the source from settings: an IMAP host selects IMAP, otherwise the Maildir."""
from __future__ import annotations

from mailbot.config import Settings


def make_source(settings: Settings, tokens=None):
    """`tokens`: the TokenSource for imap.auth = "oauth2" (shared with SMTP, so one token serves both)."""
    if settings.uses_imap:
        from mailbot.sources.imap import ImapSource   # lazy: only the configured source is loaded (IMAP brings ssl)

        return ImapSource(settings, settings.login_password("imap"), tokens)
    from mailbot.sources.maildir import MaildirSource   # lazy: only the configured source is loaded

    return MaildirSource(settings.maildir.path)
