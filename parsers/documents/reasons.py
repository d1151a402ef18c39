"""Plain sentences a Secretariat officer understands, one per way a document can fail."""
from __future__ import annotations

from parsers.types import ExtractResult

EMPTY = "The document contains no text."
PDF_PASSWORD = "PDF is password-protected; ask the sender for an open copy."
OFFICE_PASSWORD = "Word document is password-protected; ask the sender for an open copy."
OFFICE_ENCRYPTED = "Office document is password-protected; ask the sender for an open copy."
ODF_PASSWORD = "OpenDocument file is password-protected; ask the sender for an open copy."
MSG_ENCRYPTED = "Outlook message is encrypted; ask the sender to resend it unencrypted."
IMAGE_ONLY = "PDF is a scanned image with no text layer and OCR is not available; read it by eye."
IMAGE_ONLY_OCR_EMPTY = "PDF is a scanned image and OCR found no readable text; read it by eye."
IMAGE = "The attachment is a picture, not a document; no text was read from it."
TOO_DEEP = "Archive is nested too deeply inside other archives; it was not opened."
UNSAFE_XML = ("Document contains XML entity declarations (a known attack pattern); "
              "it was not opened. Ask the sender for a clean copy.")


def too_large(what: str) -> str:
    return f"{what}; it was not opened to protect the service. Ask the sender for a smaller file."


def corrupt(kind: str, detail: str = "") -> str:
    tail = f" ({detail})" if detail else ""
    return f"The {kind} file is damaged and could not be read{tail}; ask the sender to send it again."


def unsupported(kind: str) -> str:
    return f"{kind} files cannot be read automatically; open it by hand or ask the sender for Word or PDF."


def failed(status: str, reason: str, **extra) -> ExtractResult:
    """A result that carries no text, only why."""
    return ExtractResult(status=status, reason=reason, **extra)
