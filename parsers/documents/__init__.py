"""Document text extraction: one module per format, one registry keyed by sniffed type.

`extract_document` is pure and in-process; isolation (time, CPU, memory) is the worker pool's job
(mailbot.extraction).  It never raises for bad input: every outcome is a status and a reason.
"""
from __future__ import annotations

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.limits import Limits
from parsers.documents.registry import handler_for
from parsers.sniff import sniff_type
from parsers.types import ExtractResult

__all__ = ["EXTRACTOR_VERSION", "Limits", "extract_document"]

# Bump when any extractor's output changes: cached results of older versions are re-extracted.
EXTRACTOR_VERSION = "3"          # 2: PDF text by pdftotext; 3: ODT with a DOCTYPE read (cache is per version)


def extract_document(data: bytes, *, sniffed_type: str, filename: str | None,
                     limits: Limits) -> ExtractResult:
    """Text and status of one document, routed by the type its bytes show (`sniffed_type` is a hint)."""
    if len(data) > limits.max_bytes:
        return ExtractResult(status="too_large", reason=reasons.too_large(
            f"The file is {len(data) // (1024 * 1024)} MB (limit {limits.max_bytes // (1024 * 1024)} MB)"))
    if limits.depth > limits.max_depth:
        return ExtractResult(status="too_large", reason=reasons.TOO_DEEP)
    if not data:
        return ExtractResult(status="empty", reason="The file is empty (0 bytes).")
    mime = sniff_type(data, sniffed_type or "", filename)
    try:
        result = handler_for(mime)(data, limits)
    except ExtractionError as err:
        return ExtractResult(status=err.status, reason=err.reason, metadata={"type": mime})
    except MemoryError:
        return ExtractResult(status="too_large", metadata={"type": mime}, reason=reasons.too_large(
            "Reading the file needed more memory than allowed"))
    except RecursionError:
        return ExtractResult(status="corrupt", metadata={"type": mime},
                             reason=reasons.corrupt(_kind(mime), "it nests objects without end"))
    except Exception as err:   # the stage boundary: a reader bug must not become a lost message
        return ExtractResult(status="corrupt", metadata={"type": mime, "error": type(err).__name__},
                             reason=reasons.corrupt(_kind(mime), "the reader could not make sense of it"))
    if "type" not in result.metadata:
        result = _with_type(result, mime)
    return result


def _with_type(result: ExtractResult, mime: str) -> ExtractResult:
    from dataclasses import replace

    return replace(result, metadata={**result.metadata, "type": mime})


def _kind(mime: str) -> str:
    names = {"application/pdf": "PDF", "application/msword": "Word (.doc)", "application/rtf": "RTF",
             "application/zip": "zip", "application/vnd.ms-outlook": "Outlook message",
             "application/vnd.ms-tnef": "Outlook winmail.dat"}
    if "wordprocessingml" in mime:
        return "Word"
    if "opendocument" in mime:
        return "OpenDocument"
    return names.get(mime, "attached")
