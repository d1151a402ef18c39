"""Word 97-2003 .doc: antiword (UTF-8), catdoc as fallback; encrypted files recognised from the FIB."""
from __future__ import annotations

import shutil
import struct

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.external import private_dir, run_program, write_input
from parsers.documents.limits import Limits
from parsers.documents.result import text_result
from parsers.types import ExtractResult

FIB_FLAGS_OFFSET = 0x0A
FIB_ENCRYPTED = 0x0100


def extract(data: bytes, limits: Limits) -> ExtractResult:
    if _is_encrypted(data):
        raise ExtractionError("encrypted", reasons.OFFICE_PASSWORD)
    tools = [tool for tool in ("antiword", "catdoc") if shutil.which(tool)]
    if not tools:
        raise ExtractionError("unsupported", "Old Word (.doc) files need antiword or catdoc, which are "
                                             "not installed; open it by hand.")
    with private_dir() as folder:
        source = str(write_input(folder, data, ".doc"))
        for tool in tools:
            text = _run(tool, source, limits)
            if text is not None:
                return text_result(text, limits, metadata={"converter": tool})
    raise ExtractionError("corrupt", reasons.corrupt("Word (.doc)", "no converter could read it"))


def _run(tool: str, source: str, limits: Limits) -> str | None:
    args = ["antiword", "-w", "0", "-m", "UTF-8.txt", source] if tool == "antiword" \
        else ["catdoc", "-w", "-d", "utf-8", source]
    done = run_program(args, timeout=limits.program_timeout_seconds, what="Word (.doc) file")
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def _is_encrypted(data: bytes) -> bool:
    """The fEncrypted bit of the WordDocument stream's file information block."""
    import olefile

    try:
        with olefile.OleFileIO(data) as storage:
            if not storage.exists("WordDocument"):
                return False
            head = storage.openstream("WordDocument").read(FIB_FLAGS_OFFSET + 2)
    except (OSError, ValueError, IndexError, struct.error):
        return False
    if len(head) < FIB_FLAGS_OFFSET + 2:
        return False
    return bool(int.from_bytes(head[FIB_FLAGS_OFFSET:FIB_FLAGS_OFFSET + 2], "little") & FIB_ENCRYPTED)
