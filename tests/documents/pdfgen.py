"""Hand-built PDFs for tests and benchmarks (no PDF library needed): text pages, images, hostile shapes."""
from __future__ import annotations

import zlib

LINE_HEIGHT = 14
TOP = 800


def pdf_from_objects(objects: list[bytes], *, root: int = 1, info: int | None = None) -> bytes:
    """Objects are numbered from 1 in list order; a correct xref table and trailer are written."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def stream(content: bytes, extra: bytes = b"", *, compress: bool = False) -> bytes:
    if compress:
        content = zlib.compress(content)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page_content(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf %d TL 50 %d Td" % (LINE_HEIGHT, TOP)]
    ops += [b"(" + _escape(line) + b") Tj T*" for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def text_pdf(pages: list[list[str]], *, info: dict[str, str] | None = None,
             compress: bool = True, padding: bytes = b"") -> bytes:
    """One text line per entry; `padding` adds an unused incompressible stream (to make big files)."""
    count = len(pages)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs, then info, then padding
    kids = b" ".join(b"%d 0 R" % (4 + 2 * index) for index in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for index, lines in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * index))
        objects.append(stream(page_content(lines), compress=compress))
    info_number = None
    if info:
        entries = b" ".join(b"/" + key.encode() + b" (" + _escape(value) + b")" for key, value in info.items())
        objects.append(b"<< " + entries + b" >>")
        info_number = len(objects)
    if padding:
        objects.append(stream(padding))
    return pdf_from_objects(objects, info=info_number)


def image_pdf(pages: int = 1, *, width: int = 16, height: int = 16) -> bytes:
    """Scanned-looking pages: one grey image each, no text layer."""
    pixels = bytes((x * 16) % 256 for x in range(width * height))
    kids = b" ".join(b"%d 0 R" % (3 + 3 * index) for index in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    for index in range(pages):
        page_number = 3 + 3 * index
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
                       % (page_number + 1, page_number + 2))
        objects.append(stream(pixels, b" /Type /XObject /Subtype /Image /Width %d /Height %d "
                                      b"/ColorSpace /DeviceGray /BitsPerComponent 8" % (width, height)))
        objects.append(stream(b"q 500 0 0 700 50 70 cm /Im1 Do Q"))
    return pdf_from_objects(objects)


def recursive_pages_pdf() -> bytes:
    """A page tree whose Pages node lists itself (and a page) as kids."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 3 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               stream(page_content(["Loop survivor"])),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf_from_objects(objects)


def recursive_xobject_pdf() -> bytes:
    """A form XObject that draws itself: unbounded recursion unless the reader guards it."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
               stream(b"BT /F1 11 Tf 50 800 Td (Self drawing) Tj ET /X1 Do"),
               stream(b"/X1 Do", b" /Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                                 b"/Resources << /XObject << /X1 5 0 R >> >>"),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf_from_objects(objects)


def flate_bomb_pdf(inflated_mb: int) -> bytes:
    """One page whose content stream inflates from ~1/1000 of its size to `inflated_mb` megabytes."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    return pdf_from_objects(objects)


def slow_pdf(operators: int) -> bytes:
    """A page with a huge number of tiny text-show operators: legitimate but slow to lay out for
    pdfminer.six (pdftotext reads it in a blink, so timeout tests choose pdf_engine="pdfminer")."""
    body = b"BT /F1 1 Tf " + b"(x) Tj 0.01 0 Td " * operators + b"ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               stream(body, compress=True),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf_from_objects(objects)
