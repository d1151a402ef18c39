"""Benchmark mail, generated: contributions in plain text, with Word or PDF documents of N pages."""
from __future__ import annotations

import io
import random
import zlib
from email.message import EmailMessage

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SENTENCES = (
    "The national cybersecurity strategy sets out the roles of the CIRT and the regulator.",
    "Capacity building remains the first priority for the developing countries of the region.",
    "We support the proposal to align the guidelines with the five pillars of the Global Cybersecurity Agenda.",
    "Legal measures should cover the protection of critical information infrastructure.",
    "International cooperation between computer incident response teams must be strengthened.",
    "The Administration proposes to add a paragraph on the protection of children online.",
    "Technical and procedural measures include the adoption of recognised security standards.",
    "Organisational structures for the prevention of and response to cyberattacks are essential.",
)
BODIES = (
    "Dear colleagues,\n\nPlease find our contribution to the draft guidelines for the utilization of the "
    "Global Cybersecurity Agenda.\n\nBest regards",
    "Chers collègues,\n\nVeuillez trouver ci-joint la contribution de notre Administration relative au projet "
    "de lignes directrices.\n\nCordialement",
    "Estimados colegas:\n\nAdjunto encontrarán la contribución de nuestra Administración sobre el proyecto de "
    "directrices.\n\nAtentamente",
)
DOMAINS = ("mfa.gov.ke", "diplomatie.gouv.fr", "mincom.gob.mx", "mic.go.jp", "mcit.gov.eg", "bakom.admin.ch")


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def envelope(number: int, body: str, tag: str = "c") -> EmailMessage:
    domain = DOMAINS[number % len(DOMAINS)]
    mail = EmailMessage()
    mail["From"] = f"Focal Point {number} <focal{number}@{domain}>"
    mail["To"] = "contributions@itu.int"
    mail["Subject"] = f"Contribution {number} on the GCA guidelines"
    mail["Message-ID"] = f"<{tag}{number}.{domain}@mail.{domain}>"
    mail["Date"] = "Thu, 09 Jan 2020 10:00:00 +0100"
    mail.set_content(body)
    return mail


def plain_message(number: int, rng: random.Random) -> bytes:
    """A contribution without attachments (most mail is like this)."""
    body = BODIES[number % len(BODIES)] + "\n\n" + paragraph(rng, 3 + number % 6)
    return bytes(envelope(number, body, "p"))


DOCX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>',
}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(pages: int, rng: random.Random, title: str = "Contribution") -> bytes:
    """A minimal valid .docx (written directly: python-docx's writer is too slow for thousands)."""
    import zipfile

    def para(text: str, page_break: bool = False) -> str:
        run = '<w:r><w:br w:type="page"/></w:r>' if page_break else ""
        return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>{run}</w:p>"

    body = [para(title)]
    for page in range(pages):
        body.extend(para(paragraph(rng, 4)) for _ in range(6))
        if page < pages - 1:
            body.append(para("", page_break=True))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
                f"<w:body>{''.join(body)}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in DOCX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def pdf_bytes(pages: int, rng: random.Random, image_bytes: int = 0, lines_per_page: int = 20) -> bytes:
    """A small, valid PDF: `pages` pages of Helvetica text (Flate), optionally one big JPEG-typed
    image on page 1 (random bytes: incompressible, never decoded by a text extractor)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")            # filled in below, once the page tree's number is known
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = 0
    if image_bytes:
        data = rng.randbytes(image_bytes)
        image = add(b"<< /Type /XObject /Subtype /Image /Width 4000 /Height 3000 /ColorSpace /DeviceRGB "
                    b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % len(data) + data
                    + b"\nendstream")
    kids = []
    for number in range(pages):
        lines = [b"BT /F1 10 Tf 60 780 Td 13 TL", b"(Page %d) Tj T*" % (number + 1)]
        for _ in range(lines_per_page):
            text = paragraph(rng, 1)[:95].replace("(", "").replace(")", "")
            lines.append(b"(" + text.encode("latin-1") + b") Tj T*")
        lines.append(b"ET")
        if image and number == 0:
            lines.append(b"q 200 0 0 150 60 60 cm /Im1 Do Q")
        stream = zlib.compress(b"\n".join(lines))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        resources = b"<< /Font << /F1 %d 0 R >>" % font
        if image and number == 0:
            resources += b" /XObject << /Im1 %d 0 R >>" % image
        resources += b" >>"
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
                        % (pages_obj, resources, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Count %d /Kids [" % pages
                              + b" ".join(b"%d 0 R" % kid for kid in kids) + b"] >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


def document_message(number: int, rng: random.Random, kind: str, pages: int, image_bytes: int = 0,
                     tag: str = "d") -> bytes:
    """A contribution carrying one Word (`docx`) or PDF (`pdf`) document of `pages` pages."""
    mail = envelope(number, BODIES[number % len(BODIES)], tag)
    if kind == "docx":
        mail.add_attachment(docx_bytes(pages, rng, f"Contribution {number}"), maintype="application",
                            subtype=DOCX_TYPE.split("/")[1], filename=f"contribution-{number}.docx")
    else:
        mail.add_attachment(pdf_bytes(pages, rng, image_bytes), maintype="application", subtype="pdf",
                            filename=f"contribution-{number}.pdf")
    return bytes(mail)


def message_id_of(raw: bytes) -> str:
    """The Message-ID header of generated mail (cheap: our own headers, one per line)."""
    for line in raw.split(b"\n", 40):
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().decode()
    return ""
