"""Choose the source from settings: an IMAP host selects IMAP, otherwise the Maildir."""
from __future__ import annotations

from mailbot.config import Settings


def make_source(settings: Settings):
    if settings.uses_imap:
        from mailbot.sources.imap import ImapSource

        return ImapSource(settings, settings.imap_password())
    from mailbot.sources.maildir import MaildirSource

    return MaildirSource(settings.maildir.path)
