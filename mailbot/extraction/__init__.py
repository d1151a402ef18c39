"""Attachment text extraction for the pipeline: cached, in isolated worker processes, searchable."""
from __future__ import annotations

from mailbot.extraction.extractor import Extractor, limits_from_settings

__all__ = ["Extractor", "limits_from_settings"]
