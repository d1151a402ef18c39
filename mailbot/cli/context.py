"""What every command gets: settings loaded once, and a Runtime with the right clock."""
from __future__ import annotations

from dataclasses import dataclass, field

from mailbot.clock import SystemClock, parse_now
from mailbot.config import Settings, load_settings
from mailbot.logsetup import setup_logging
from mailbot.runtime import Runtime


@dataclass
class CliContext:
    config_path: str | None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_path)
            setup_logging(self._settings.log.level, self._settings.log.format == "json")
        return self._settings

    def runtime(self, now: str | None = None):
        clock = parse_now(now) if now else SystemClock()
        return Runtime(self.settings, clock=clock)
