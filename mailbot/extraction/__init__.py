"""Attachment text extraction for the pipeline: cached, in isolated worker processes, searchable."""
from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Extractor", "limits_from_settings"]

if TYPE_CHECKING:
    from mailbot.extraction.extractor import Extractor, limits_from_settings


def __getattr__(name: str):
    """The extractor loads on first use (with the register's tables): the fork server's start
    (`extraction.pool`) must not wait for them."""
    if name in __all__:
        from mailbot.extraction import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
