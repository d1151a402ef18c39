"""RTF via striprtf, in the code page the file declares (\\ansicpgNNNN)."""
from __future__ import annotations

import codecs
import re

from parsers.documents.limits import Limits
from parsers.documents.result import text_result
from parsers.types import ExtractResult

_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")
# Groups holding hex blobs (embedded objects, pictures): no text, and slow to scan.
_BLOB_GROUP = re.compile(rb"\{\\(?:\*\\objdata|pict|\*\\blipuid|\*\\datastore|\*\\themedata)")


def extract(data: bytes, limits: Limits) -> ExtractResult:
    from striprtf.striprtf import rtf_to_text

    encoding = _declared_encoding(data)
    source = _without_blobs(data).decode(encoding, "replace")   # raw 8-bit text is in the code page too
    text = rtf_to_text(source, encoding=encoding, errors="replace")
    return text_result(text, limits)


def _declared_encoding(data: bytes) -> str:
    match = _CODEPAGE.search(data[:4096])
    if match:
        candidate = f"cp{int(match.group(1))}"
        try:
            codecs.lookup(candidate)
            return candidate
        except LookupError:
            pass
    return "cp1252"


def _without_blobs(data: bytes) -> bytes:
    """Cut each blob group up to its matching closing brace (groups nest, so no single regex)."""
    kept = []
    position = 0
    for match in _BLOB_GROUP.finditer(data):
        if match.start() < position:
            continue
        kept.append(data[position:match.start()])
        position = _group_end(data, match.start())
    kept.append(data[position:])
    return b"".join(kept)


def _group_end(data: bytes, start: int) -> int:
    depth = 0
    index = start
    while index < len(data):
        byte = data[index]
        if byte == 0x5C:              # backslash: skip the escaped character
            index += 2
            continue
        if byte == 0x7B:
            depth += 1
        elif byte == 0x7D:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(data)
