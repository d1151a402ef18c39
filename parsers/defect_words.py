"""Readable sentences for the defect objects Python's email package attaches to parts."""
from __future__ import annotations

SENTENCES = {
    "StartBoundaryNotFoundDefect": "the multipart boundary never appears: the body was read as one part",
    "CloseBoundaryNotFoundDefect": "missing closing boundary: the message may be truncated",
    "FirstHeaderLineIsContinuationDefect": "the first header line is a continuation line",
    "MisplacedEnvelopeHeaderDefect": "a 'From ' envelope line appears among the headers",
    "MissingHeaderBodySeparatorDefect": "no blank line after headers: a line that is not a header ends them",
    "MultipartInvariantViolationDefect": "declared multipart but has no parts",
    "InvalidMultipartContentTransferEncodingDefect": "a multipart part declares a transfer encoding it may not have",
    "NoBoundaryInMultipartDefect": "multipart without a boundary: the body was read as one part",
    "UndecodableBytesDefect": "undecodable bytes",
    "InvalidBase64PaddingDefect": "bad base64: wrong padding",
    "InvalidBase64CharactersDefect": "bad base64: characters outside the alphabet",
    "InvalidBase64LengthDefect": "bad base64: impossible length",
    "NonASCIIDefect": "raw non-ASCII bytes where only ASCII is allowed",
    "HeaderMissingRequiredValue": "a header is missing its required value",
    "InvalidHeaderDefect": "a header could not be read",
    "ObsoleteHeaderDefect": "a header uses obsolete syntax",
    "NonPrintableDefect": "a header contains non-printable characters",
    "InvalidDateDefect": "the Date header could not be read",
}


def describe(defect: Exception, where: str) -> str:
    """One sentence for an email-package defect, naming the part it was found in."""
    name = type(defect).__name__
    sentence = SENTENCES.get(name, name)
    return f"{sentence} ({where})"
