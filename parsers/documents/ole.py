"""OLE2 compound files: route by the streams inside (Word, Outlook, encrypted OOXML, Excel, PowerPoint)."""
from __future__ import annotations

from parsers.documents import reasons
from parsers.documents.limits import Limits
from parsers.types import ExtractResult


def extract_encrypted_ooxml(data: bytes, limits: Limits) -> ExtractResult:
    """An OOXML file saved with a password is a CFB wrapper around an EncryptedPackage stream."""
    return ExtractResult(status="encrypted", reason=reasons.OFFICE_ENCRYPTED)


def extract_unknown(data: bytes, limits: Limits) -> ExtractResult:
    return ExtractResult(status="unsupported", reason=reasons.unsupported("Unrecognised Office"))
