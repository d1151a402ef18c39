"""Placeholder extractor (replaced by the extract branch): basic docx and PDF text, in process."""
from __future__ import annotations

import io

from parsers.language import detect_language
from parsers.types import ExtractResult


class Extractor:
    def __init__(self, settings, session_factory):
        self.settings = settings

    def extract_all(self, items):
        return {sha: self._one(data, sniffed) for sha, data, sniffed, _name in items}

    def _one(self, data, sniffed):
        try:
            if sniffed == "application/pdf":
                from pdfminer.high_level import extract_text

                text = extract_text(io.BytesIO(data))
            elif sniffed.endswith("wordprocessingml.document"):
                import docx

                text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
            else:
                return ExtractResult("unsupported", "This file type is not read yet.")
        except Exception as err:  # placeholder: the real extractor classifies failures
            return ExtractResult("corrupt", f"The file could not be read ({type(err).__name__}).")
        if not text.strip():
            return ExtractResult("empty", "The document contains no text.")
        return ExtractResult("ok", "", text=text, first_page_text=text[:3000],
                             language=detect_language(text))

    def close(self):
        pass
