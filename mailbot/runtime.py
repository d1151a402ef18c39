"""Everything one run needs, built once from Settings and passed in (no globals).

Each helper is imported inside its property: start-up time (a command that never opens the register
or the mailbox does not load them)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mailbot.clock import Clock, SystemClock
from mailbot.config import Settings
from mailbot.consultation import load_consultation
from mailbot.errors import ConfigError
from mailbot.faults import FaultHook
from mailbot.reference import reference_data
from mailbot.stopping import StopRequest

log = logging.getLogger("mailbot.extraction")


@dataclass
class Runtime:
    """Lazily opens the register, the raw store and the heavier helpers on first use."""

    settings: Settings
    clock: Clock = field(default_factory=SystemClock)

    @property
    def state_dir(self) -> Path:
        return Path(self.settings.state.dir)

    @cached_property
    def faults(self):
        return FaultHook()

    @cached_property
    def stop(self):
        """Asked to stop (SIGTERM/SIGINT): the worker stops fetching and ends what it holds."""
        return StopRequest(self.settings.schedule.shutdown_seconds)

    @cached_property
    def engine(self):
        from mailbot.store.db import open_engine   # lazy: start-up (the register loads SQLAlchemy)

        return open_engine(self.state_dir)

    @cached_property
    def session_factory(self):
        from mailbot.store.db import session_factory   # lazy: start-up (the register loads SQLAlchemy)

        return session_factory(self.engine)

    def session(self):
        return self.session_factory()

    @cached_property
    def raw_store(self):
        from mailbot.store.rawstore import RawStore   # lazy: start-up (a thread pool)

        return RawStore(self.state_dir / "raw")

    @cached_property
    def consultation(self):
        return load_consultation(self.settings.consultation.file)

    @property
    def reference(self):
        """The run's ReferenceData (Member States, organisations, focal points), from the one key
        `attribution.focal_points`; the same object each call until the file changes."""
        return reference_data(self.settings.attribution.focal_points)

    @cached_property
    def extractor(self):
        """The documents' reader; its workers also find the documents' authorship statements, in
        parallel, after reading them. The register opens on its first use, not here: the fork
        server can start before it (see `start_readers`)."""
        # lazy: start-up (the readers' modules load when a run first needs them)
        from mailbot.attribution.document_findings import AnalyseRead
        from mailbot.extraction import Extractor

        return Extractor(self.settings.extract, lambda: self.session_factory(),
                         after_read=AnalyseRead.of(self.reference))

    @cached_property
    def languages(self):
        """Guesses the language of message bodies, in a helper process for groups worth it."""
        from mailbot.extraction.languages import LanguageGuesser   # lazy: start-up (loads multiprocessing on use)

        return LanguageGuesser(preload=self.extractor.fork_preload)   # one fork server, one preload list

    @cached_property
    def attribution_context(self):
        from mailbot.pipeline.attribute import make_context   # lazy: start-up (loads the pipeline and attribution)

        return make_context(self)

    @cached_property
    def tokens(self):
        """The OAuth2 TokenSource IMAP and SMTP share (None where both log in with a password)."""
        if not self.settings.uses_oauth2:
            return None
        from mailbot.auth.tokens import make_token_source   # lazy: start-up (OAuth2 only)

        return make_token_source(self.settings, self.state_dir)

    @cached_property
    def transport(self):
        from mailbot.outbox.transports import make_transport   # lazy: start-up (loads SMTP)

        return make_transport(self.settings, self.tokens)

    def start_readers(self) -> None:
        """Start the extraction workers' fork server now, before the rest of the start-up (the
        checks, the register, the first fetch): it loads the readers on the second core meanwhile,
        instead of holding up the first documents. A run with no document pays it there. Never
        fails the start: a mistake here (a bad reference file) is reported by `preflight`."""
        try:
            # lazy: start-up (only the step's class and the pool: the extractor loads the register's tables)
            from mailbot.attribution.document_findings import AnalyseRead   # the extractor's after-read step
            from mailbot.extraction.pool import start_fork_server
            from mailbot.extraction.worker import fork_preload

            start_fork_server(fork_preload(AnalyseRead))
        except Exception as err:  # noqa: BLE001 - the workers then start on first need, as they always could
            log.debug("fork server not started early: %s", err)

    def preflight(self) -> None:
        """Load and validate the consultation and the rule files now, so a mistake in them refuses the
        start (file, line, reason) instead of failing message by message."""
        _ = self.consultation
        _ = self.attribution_context
        for server in ("imap", "smtp"):     # a missing password is a setting to fix, not a refused login
            if getattr(self.settings, f"uses_{server}"):
                self.settings.login_password(server)
        self.check_oauth2()

    def check_oauth2(self) -> None:
        """An incomplete [oauth2] section refuses the start, not the first login or delivery."""
        if self.tokens is None:
            return
        from mailbot.auth.profile import Grant   # lazy: start-up (OAuth2 only)

        if self.tokens.profile.grant is Grant.REFRESH_TOKEN and not self.tokens.has_refresh_token():
            raise ConfigError("the refresh-token grant needs refresh_token or refresh_token_file, "
                              "or run `mailbot auth login --device` first", key="oauth2.refresh_token")
        _ = self.transport

    def make_source(self):
        from mailbot.sources.factory import make_source   # lazy: start-up (loads IMAP or Maildir)

        return make_source(self.settings, self.tokens)

    def close(self) -> None:
        if "languages" in self.__dict__:
            self.languages.close()
        if "extractor" in self.__dict__:
            close = getattr(self.extractor, "close", None)
            if close:
                close()
        if "engine" in self.__dict__:
            self.engine.dispose()
