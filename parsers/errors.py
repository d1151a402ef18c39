"""The parsing library's own errors (it imports nothing of mailbot; mailbot maps these where shown).

    ParserError
    ├── ParseError           a message's bytes could not be parsed at all
    └── ExtractionError      a document could not be read (carries the status and reason)
"""
from __future__ import annotations


class ParserError(Exception):
    """Root of every error the parsers raise on purpose."""


class ParseError(ParserError):
    pass


class ExtractionError(ParserError):
    def __init__(self, status: str, reason: str):
        self.status, self.reason = status, reason
        super().__init__(f"{status}: {reason}")
