"""Which extractor reads which sniffed type: data, checked at import, modules imported on first use."""
from __future__ import annotations

import importlib
from typing import Callable

from parsers import sniff
from parsers.documents import reasons
from parsers.documents.limits import Limits
from parsers.types import ExtractResult

Handler = Callable[[bytes, Limits], ExtractResult]

# sniffed type -> "module:function" inside parsers.documents; heavy libraries load only when needed.
HANDLERS: dict[str, str] = {
    "application/pdf": "pdf:extract",
    sniff.DOCX: "docx:extract",
    "application/vnd.ms-word.document.macroenabled.12": "docx:extract",
    "application/vnd.openxmlformats-package": "docx:extract",
    "application/msword": "doc:extract",
    sniff.XLSX: "sheets_slides:extract_xlsx",
    sniff.PPTX: "sheets_slides:extract_pptx",
    sniff.ENCRYPTED_OOXML: "ole:extract_encrypted_ooxml",
    sniff.OLE_GENERIC: "ole:extract_unknown",
    "application/vnd.oasis.opendocument.text": "odt:extract",
    "application/vnd.oasis.opendocument.text-template": "odt:extract",
    "application/vnd.oasis.opendocument.spreadsheet": "odt:extract",
    "application/vnd.oasis.opendocument.presentation": "odt:extract",
    "application/rtf": "rtf:extract",
    "text/rtf": "rtf:extract",
    "text/plain": "text:extract_plain",
    "text/csv": "text:extract_plain",
    "text/markdown": "text:extract_plain",
    "text/html": "text:extract_html",
    "application/xhtml+xml": "text:extract_html",
    "multipart/related": "text:extract_mht",
    sniff.WORDML: "text:extract_xml",
    "application/xml": "text:extract_xml",
    "text/xml": "text:extract_xml",
    "application/vnd.ms-tnef": "tnef:extract",
    "application/vnd.ms-outlook": "msg:extract",
    "message/rfc822": "eml:extract",
    "message/delivery-status": "text:extract_plain",
    "message/disposition-notification": "text:extract_plain",
    "message/feedback-report": "text:extract_plain",
    "text/rfc822-headers": "text:extract_plain",
    "application/zip": "archive:extract",
}

# Known but not read: the reason names the kind so the officer knows what to open by hand.
NOT_READ: dict[str, str] = {
    "application/vnd.ms-excel": "Excel",
    "application/vnd.ms-powerpoint": "PowerPoint",
    "application/vnd.wordperfect": "WordPerfect",
}


def _check(table: dict[str, str]) -> None:
    for mime, target in table.items():
        module, _, function = target.partition(":")
        if not module or not function or mime != mime.lower():
            raise ValueError(f"bad extractor registry entry {mime!r}: {target!r}")


_check(HANDLERS)


def handler_for(mime: str) -> Handler:
    """The extractor for a sniffed type; a handler returning `unsupported` for anything unknown."""
    mime = mime.lower()
    target = HANDLERS.get(mime)
    if target is None:
        return lambda data, limits: unsupported_result(mime)
    module_name, _, function_name = target.partition(":")
    module = importlib.import_module(f"parsers.documents.{module_name}")
    return getattr(module, function_name)


def unsupported_result(mime: str) -> ExtractResult:
    if mime.startswith("image/"):
        return ExtractResult(status="unsupported", reason=reasons.IMAGE, metadata={"type": mime})
    kind = NOT_READ.get(mime)
    if kind:
        return ExtractResult(status="unsupported", reason=reasons.unsupported(kind), metadata={"type": mime})
    if mime == "application/octet-stream":
        return ExtractResult(status="unsupported", metadata={"type": mime},
                             reason="The file's type could not be recognised from its contents; "
                                    "open it by hand.")
    return ExtractResult(status="unsupported", metadata={"type": mime},
                         reason=f"Files of type {mime} cannot be read automatically; open it by hand.")
