"""Zip archives: checked before inflating, then every member extracted one level down."""
from __future__ import annotations

import zipfile

from parsers.errors import ExtractionError
from parsers.documents import reasons
from parsers.documents.container import combine, member_result
from parsers.documents.limits import Limits
from parsers.documents.safety import open_checked_zip
from parsers.types import ExtractResult

KIND = "zip"


def extract(data: bytes, limits: Limits) -> ExtractResult:
    archive = open_checked_zip(data, limits, KIND)
    parts = []
    with archive:
        for member in archive.infolist():
            if member.is_dir():
                continue
            if member.flag_bits & 0x1:
                parts.append(ExtractResult(status="encrypted", metadata={"filename": member.filename},
                                           reason="The zip file is password-protected; ask the sender "
                                                  "for an open copy."))
                continue
            try:
                content = archive.read(member)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
                raise ExtractionError("corrupt", reasons.corrupt(KIND, "a member cannot be unpacked")) from err
            parts.append(member_result(content, member.filename, limits))
    return combine("", tuple(parts), limits, "zip file")
