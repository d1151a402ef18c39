"""Structured logs: one line per event, plain `key=value` text or JSON."""
from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {"at": datetime.fromtimestamp(record.created, timezone.utc).isoformat(),
                   "level": record.levelname.lower(), "logger": record.name, "event": record.getMessage()}
        if record.exc_info:
            payload["error"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


class OneLineFormatter(logging.Formatter):
    """Plain text, one line per event: line breaks in messages and tracebacks are escaped."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\r", "\\r").replace("\n", "\\n")


def setup_logging(level: str = "INFO", as_json: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if as_json:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(OneLineFormatter())
    root = logging.getLogger("mailbot")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def report_fatal(text: str) -> None:
    """The command's last word on stderr: a JSON event where the logs are JSON, else a plain line."""
    handlers = logging.getLogger("mailbot").handlers
    if any(isinstance(handler.formatter, JsonFormatter) for handler in handlers):
        logging.getLogger("mailbot.cli").error(text)
    else:
        print(text, file=sys.stderr)
