"""A cheap line scan that cuts a message at the depth, part and header-size limits before the real parse.

Python's email parser has no limits of its own: its work grows with nesting depth times lines, and it
recurses once per level. This scan follows the same boundaries the parser will follow, and where a
limit is passed it drops the excess (closing the open boundaries) so the real parse stays bounded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import Message

HEADER_LINE = re.compile(rb"^(?:From |[\x21-\x39\x3b-\x7e]+:|[ \t])")
CONTENT_TYPE = re.compile(rb"^content-type[ \t]*:", re.IGNORECASE)


@dataclass
class _Frame:
    boundary: bytes
    child_depth: int


@dataclass
class _Scan:
    max_depth: int
    max_parts: int
    max_header_bytes: int
    frames: list[_Frame] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    parts: int = 1
    depth: int = 1                      # depth of the entity whose headers or body we are in
    in_headers: bool = True
    header_lines: list[bytes] = field(default_factory=list)
    header_size: int = 0                # bytes of the header fields kept so far in this block
    field_start: int | None = None      # the header field being read: where it starts, its lines, size
    field_lines: list[bytes] = field(default_factory=list)
    field_size: int = 0
    dropped_fields: list[str] = field(default_factory=list)   # names of the fields past the limit
    skip_from: int | None = None        # where the body of a too-deep entity starts being dropped
    drops: list[tuple[int, int]] = field(default_factory=list)


def bound_message(raw: bytes, *, max_depth: int, max_parts: int,
                  max_header_bytes: int) -> tuple[bytes, list[str]]:
    """The message cut to the limits (unchanged when within them) and a sentence per limit hit."""
    scan = _Scan(max_depth, max_parts, max_header_bytes)
    offset = 0
    for line in _lines(raw):
        if _scan_line(scan, line, offset):
            return _rebuild(raw, scan, end=offset, close=True), list(dict.fromkeys(scan.defects))
        offset += len(line)
    if scan.in_headers:
        _end_headers(scan, offset, offset)
    defects = list(dict.fromkeys(scan.defects))
    if not scan.drops and scan.skip_from is None:
        return raw, defects
    return _rebuild(raw, scan, end=offset, close=False), defects


def _lines(raw: bytes, chunk: int = 1 << 20):
    """raw.splitlines(keepends=True), a chunk at a time: a list of every line of a 30 MB
    attachment would cost more memory than the message itself."""
    start = 0
    while start < len(raw):
        end = raw.find(b"\n", start + chunk)
        end = len(raw) if end < 0 else end + 1      # after a newline: never inside a line or a CRLF
        yield from raw[start:end].splitlines(keepends=True)
        start = end


def _scan_line(scan: _Scan, line: bytes, offset: int) -> bool:
    """Advance over one line; True when the part limit is passed and the message is cut here."""
    if line.startswith(b"--") and scan.frames:
        matched = _match_boundary(scan, line)
        if matched is not None:
            return _on_boundary(scan, *matched, offset)
    if scan.skip_from is not None or not scan.in_headers:
        return False
    if not line.rstrip(b"\r\n"):
        _end_headers(scan, offset, offset + len(line))
    elif not HEADER_LINE.match(line):
        _end_headers(scan, offset, offset)
    else:
        _add_header_line(scan, line, offset)
    return False


def _on_boundary(scan: _Scan, index: int, closing: bool, offset: int) -> bool:
    if scan.skip_from is not None:
        scan.drops.append((scan.skip_from, offset))
        scan.skip_from = None
    if scan.in_headers:
        _end_headers(scan, offset, offset)
        if scan.skip_from is not None:          # nothing of that body to drop: it ends right here
            scan.skip_from = None
    del scan.frames[index + (0 if closing else 1):]
    scan.in_headers = False
    if closing:
        return False
    scan.parts += 1
    if scan.parts > scan.max_parts:
        scan.defects.append(f"more than {scan.max_parts} parts: the rest were not read")
        return True
    scan.depth = scan.frames[index].child_depth
    scan.in_headers = True
    return False


def _add_header_line(scan: _Scan, line: bytes, offset: int) -> None:
    """Header fields are kept whole or dropped whole: one oversized field (a 2 MB Subject) is left out,
    and the fields after it (Message-ID, From) are still read while the block stays within the limit."""
    if line[:1] in (b" ", b"\t") and scan.field_start is not None:
        scan.field_size += len(line)
        if scan.field_size <= scan.max_header_bytes:     # past that it is dropped: no need to keep lines
            scan.field_lines.append(line)
        return
    _close_field(scan, offset)
    scan.field_start, scan.field_lines, scan.field_size = offset, [line], len(line)


def _close_field(scan: _Scan, end: int) -> None:
    if scan.field_start is None:
        return
    if scan.header_size + scan.field_size <= scan.max_header_bytes:
        scan.header_size += scan.field_size
        scan.header_lines.extend(scan.field_lines)
    else:
        scan.drops.append((scan.field_start, end))
        name = scan.field_lines[0].split(b":", 1)[0][:40].decode("ascii", "replace")
        scan.dropped_fields.append(f"{name} ({scan.field_size:,} bytes)")
    scan.field_start, scan.field_lines, scan.field_size = None, [], 0


def _match_boundary(scan: _Scan, line: bytes) -> tuple[int, bool] | None:
    text = line.rstrip(b"\r\n").rstrip(b" \t")
    for index in range(len(scan.frames) - 1, -1, -1):
        marker = b"--" + scan.frames[index].boundary
        if text == marker:
            return index, False
        if text == marker + b"--":
            return index, True
    return None


def _end_headers(scan: _Scan, header_end: int, body_start: int) -> None:
    """Finish a header block: drop its oversize tail, and follow multipart or message/* nesting."""
    scan.in_headers = False
    _close_field(scan, header_end)
    if scan.dropped_fields:
        names = ", ".join(scan.dropped_fields[:5]) + (", ..." if len(scan.dropped_fields) > 5 else "")
        scan.defects.append(f"headers larger than {scan.max_header_bytes} bytes: the fields past the limit "
                            f"were not read ({names}); the other fields were kept")
        scan.dropped_fields = []
    content_type = _content_type(scan.header_lines)
    scan.header_lines, scan.header_size = [], 0
    if content_type is None:
        return
    nested_message = (content_type.get_content_maintype() == "message"
                      and content_type.get_content_type() != "message/delivery-status")
    boundary = content_type.get_boundary() if content_type.get_content_maintype() == "multipart" else None
    if not (boundary or nested_message):
        return
    if scan.depth + 1 > scan.max_depth:
        scan.defects.append(f"parts nested more than {scan.max_depth} levels deep: the deeper parts were not read")
        scan.skip_from = body_start
    elif boundary:
        scan.frames.append(_Frame(boundary.encode("utf-8", "surrogateescape"), scan.depth + 1))
    else:
        scan.depth += 1
        scan.in_headers = True


def _content_type(lines: list[bytes]) -> Message | None:
    """The first Content-Type of a header block, read the way the email package reads it."""
    value = None
    for position, line in enumerate(lines):
        if CONTENT_TYPE.match(line):
            value = line.split(b":", 1)[1]
            for continuation in lines[position + 1:]:
                if continuation[:1] not in (b" ", b"\t"):
                    break
                value += continuation
            break
    if value is None:
        return None
    holder = Message()
    holder["Content-Type"] = re.sub(rb"\s+", b" ", value).strip().decode("ascii", "replace")
    return holder


def _rebuild(raw: bytes, scan: _Scan, *, end: int, close: bool) -> bytes:
    """Keep raw[:end] minus the dropped ranges, then (when cut short) close every boundary still open."""
    if scan.skip_from is not None:
        scan.drops.append((scan.skip_from, end))
    kept, position = [], 0
    for start, stop in scan.drops:
        kept.append(raw[position:max(position, start)])
        position = max(position, stop)
    kept.append(raw[position:end])
    if close:
        for frame in reversed(scan.frames):
            kept.append(b"\r\n--" + frame.boundary + b"--\r\n")
    return b"".join(kept)
