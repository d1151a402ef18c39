"""Generate the golden documents in tests/documents/golden/ and their expectations (MANIFEST.json).

Run from the repository root:  python -m tests.documents.make_golden
Outputs are committed; the tests read them and never regenerate.  Each entry says the status,
fragments the text must contain and must not contain, and optional language / pages / metadata.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from tests import builders
from tests.documents import pdfgen

GOLDEN = Path(__file__).resolve().parent / "golden"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

ENGLISH = ("The Council Working Group on child online protection met in Geneva to review "
           "national contributions on critical infrastructure and emergency telecommunications.")
FRENCH = ("Le Groupe de travail du Conseil sur la protection en ligne des enfants s'est réuni à "
          "Genève pour examiner les contributions nationales sur les infrastructures critiques.")
SPANISH = ("El Grupo de Trabajo del Consejo sobre la protección de la infancia en línea se reunió en "
           "Ginebra para examinar las contribuciones nacionales sobre infraestructuras críticas.")
RUSSIAN = ("Рабочая группа Совета по защите ребенка в онлайновой среде провела собрание в Женеве, "
           "чтобы рассмотреть национальные вклады по критической инфраструктуре.")
ARABIC = ("اجتمع فريق العمل التابع للمجلس المعني بحماية الأطفال على الإنترنت في جنيف لاستعراض "
          "المساهمات الوطنية بشأن البنية التحتية الحرجة والاتصالات في حالات الطوارئ.")
CHINESE = "理事会保护上网儿童工作组在日内瓦举行会议，审议各国关于关键基础设施和应急通信的文稿。"


def docx_bytes(build, inject_body: str = "", extra_parts: dict[str, tuple[str, str, str]] | None = None) -> bytes:
    """A python-docx document, with raw XML appended to the body and extra related parts added.

    extra_parts: part name -> (content type, relationship type suffix, xml)."""
    return _patch_docx(builders.docx_bytes(build=build), inject_body, extra_parts or {})


def _patch_docx(data: bytes, inject_body: str, extra_parts: dict[str, tuple[str, str, str]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml" and inject_body:
                text = content.decode("utf-8")
                at = text.rindex("<w:sectPr")
                text = text[:at] + inject_body + text[at:]
                if "xmlns:mc=" not in text[:3000]:
                    text = text.replace("<w:document ", f'<w:document xmlns:mc="{MC_NS}" ', 1)
                content = text.encode("utf-8")
            elif item.filename == "[Content_Types].xml" and extra_parts:
                overrides = "".join(f'<Override PartName="/{name}" ContentType="{ctype}"/>'
                                    for name, (ctype, _, _) in extra_parts.items())
                content = content.replace(b"</Types>", overrides.encode() + b"</Types>")
            elif item.filename == "word/_rels/document.xml.rels" and extra_parts:
                rels = "".join(
                    f'<Relationship Id="rIdX{index}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/{rel}" Target="{name.split("/", 1)[1]}"/>'
                    for index, (name, (_, rel, _)) in enumerate(extra_parts.items()))
                content = content.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            target.writestr(_fixed(item.filename), content)
        for name, (_, _, xml) in extra_parts.items():
            target.writestr(_fixed(name), xml)
    return out.getvalue()


def _fixed(name: str) -> zipfile.ZipInfo:
    """A member with a fixed date and deflate, so the generated files are byte-for-byte reproducible."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def build_full_docx() -> bytes:
    """Body, table, header/footer, footnote, text box (with VML fallback), tracked insert/delete."""
    def build(document):
        document.core_properties.title = "Contribution of Ruritania"
        document.core_properties.author = "Ministry of Communications"
        section = document.sections[0]
        section.header.paragraphs[0].text = "Council Working Group CWG-COP/21"
        section.footer.paragraphs[0].text = "Page footer text"
        document.add_heading("Contribution on child online protection", level=1)
        document.add_paragraph(ENGLISH)
        table = document.add_table(rows=2, cols=2)
        for row, cells in enumerate((("Row1 A", "Row1 B"), ("Row2 A", "Row2 B"))):
            for column, value in enumerate(cells):
                table.cell(row, column).text = value

    tracked = ('<w:p><w:r><w:t xml:space="preserve">Kept words </w:t></w:r>'
               '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>INSERTED_TEXT</w:t></w:r></w:ins>'
               '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>DELETED_TEXT</w:delText></w:r></w:del>'
               '</w:p>')
    textbox = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
               + _paragraph("TEXTBOX_CONTENT") +
               '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>'
               + _paragraph("TEXTBOX_CONTENT") +
               '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1">'
                 + _paragraph("FOOTNOTE_TEXT") + "</w:footnote></w:footnotes>")
    parts = {"word/footnotes.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", "footnotes", footnotes)}
    return docx_bytes(build, tracked + textbox, parts)


def build_language_docx(text: str) -> bytes:
    def build(document):
        document.add_paragraph(text)
        document.add_paragraph(text)

    return docx_bytes(build)


def build_entity_docx(entity_block: str, reference: str) -> bytes:
    """A docx whose document.xml declares entities (billion laughs or XXE)."""
    def build(document):
        document.add_paragraph("placeholder")

    data = docx_bytes(build)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                text = content.decode("utf-8")
                declaration_end = text.index("?>") + 2
                text = text[:declaration_end] + entity_block + text[declaration_end:]
                text = text.replace("placeholder", reference)
                content = text.encode("utf-8")
            target.writestr(_fixed(item.filename), content)
    return out.getvalue()


BILLION_LAUGHS = ('<!DOCTYPE w:document [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{level} "{("&lol" + (str(level - 1) if level > 1 else "") + ";") * 10}">'
                            for level in range(1, 10)) + "]>")
XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def build_odt(text: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Contribution"))
    document.text.addElement(P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def build_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(_fixed(name), content)
    return buffer.getvalue()


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
SLIDE_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"


def build_xlsx() -> bytes:
    """A minimal workbook by hand: shared strings and one inline-string cell."""
    shared = (f'<sst xmlns="{SHEET_NS}" count="2" uniqueCount="2"><si><t>Member State</t></si>'
              f'<si><t>Ruritania</t></si></sst>')
    sheet = (f'<worksheet xmlns="{SHEET_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
             f'<c r="B1" t="inlineStr"><is><t>Inline comment cell</t></is></c><c r="C1"><v>42</v></c>'
             f'</row></sheetData></worksheet>')
    return build_zip({"[Content_Types].xml": CONTENT_TYPES.encode(), "xl/sharedStrings.xml": shared.encode(),
                      "xl/worksheets/sheet1.xml": sheet.encode()})


def build_pptx() -> bytes:
    """A minimal presentation by hand: two slides (in natural order) and speaker notes."""
    def slide(text: str, root: str = "sld") -> bytes:
        return (f'<p:{root} xmlns:p="{SLIDE_NS}" xmlns:a="{DRAWING_NS}"><p:cSld><p:spTree><p:sp><p:txBody>'
                f'<a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:{root}>').encode()

    return build_zip({"[Content_Types].xml": CONTENT_TYPES.encode(),
                      "ppt/slides/slide10.xml": slide("Tenth slide"),
                      "ppt/slides/slide2.xml": slide("Second slide"),
                      "ppt/slides/slide1.xml": slide("Title slide of the contribution"),
                      "ppt/notesSlides/notesSlide1.xml": slide("Speaker notes here", "notes")})


def build_rtf() -> bytes:
    return (rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Times New Roman;}}"
            + rb"\f0 " + RUSSIAN.encode("cp1251").replace(b"\\", b"\\\\") + rb"\par}")


def build_eml(attachment: bytes) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "focal.point@example.org"
    message["To"] = "contributions@itu.int"
    message["Subject"] = "Forwarded contribution"
    message.set_content("Please find our contribution attached.")
    message.add_attachment(attachment, maintype="application", subtype="pdf", filename="contribution.pdf")
    message.set_boundary("golden-boundary-1")      # fixed, so the file is reproducible
    return message.as_bytes()


def golden_documents() -> list[tuple[str, bytes, dict]]:
    """(file name, bytes, expectation) for every golden document."""
    two_pages = pdfgen.text_pdf([["Contribution from Ruritania", "First page title block"],
                                 ["Second page body text"]],
                                info={"Title": "Golden PDF", "Author": "Ruritania"})
    full_docx = build_full_docx()
    return [
        ("full.docx", full_docx, {
            "status": "ok", "language": "en",
            "contains": ["Council Working Group CWG-COP/21", "Contribution on child online protection",
                         "Row1 A\tRow1 B", "Row2 A\tRow2 B", "INSERTED_TEXT", "FOOTNOTE_TEXT",
                         "Page footer text", "Kept words"],
            "absent": ["DELETED_TEXT"], "once": ["TEXTBOX_CONTENT"],
            "first_page_contains": ["CWG-COP/21"],
            "metadata": {"title": "Contribution of Ruritania", "author": "Ministry of Communications"}}),
        ("french.docx", build_language_docx(FRENCH), {"status": "ok", "language": "fr",
                                                      "contains": ["Genève"]}),
        ("spanish.docx", build_language_docx(SPANISH), {"status": "ok", "language": "es",
                                                        "contains": ["Ginebra"]}),
        ("two_pages.pdf", two_pages, {
            "status": "ok", "pages": 2, "contains": ["Contribution from Ruritania", "Second page body text"],
            "first_page_contains": ["First page title block"], "first_page_absent": ["Second page"],
            "metadata": {"title": "Golden PDF", "author": "Ruritania"}}),
        ("scanned.pdf", pdfgen.image_pdf(2), {"status": "image_only", "pages": 2, "ocr_off": True}),
        ("blank.pdf", pdfgen.text_pdf([[]]), {"status": "empty", "pages": 1}),
        ("recursive_pages.pdf", pdfgen.recursive_pages_pdf(), {"status": "ok", "contains": ["Loop survivor"]}),
        ("recursive_xobject.pdf", pdfgen.recursive_xobject_pdf(), {"status": "ok", "contains": ["Self drawing"]}),
        ("truncated.pdf", two_pages[:60], {"status": "corrupt"}),
        ("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4, {"status": "corrupt"}),
        ("russian.rtf", build_rtf(), {"status": "ok", "language": "ru", "contains": ["Женеве"]}),
        ("arabic.txt", ARABIC.encode("utf-8"), {"status": "ok", "language": "ar", "contains": ["جنيف"]}),
        ("chinese_gb18030.txt", (CHINESE * 3).encode("gb18030"),
         {"status": "ok", "language": "zh", "contains": ["日内瓦"]}),
        ("russian_cp1251.txt", (RUSSIAN + " " + RUSSIAN).encode("cp1251"),
         {"status": "ok", "language": "ru", "contains": ["Женеве"]}),
        ("page.html", (b"<html><head><title>T</title><script>var SECRET_SCRIPT=1;</script></head><body>"
                       b"<h1>Heading</h1><p>" + ENGLISH.encode() + b"</p></body></html>"),
         {"status": "ok", "contains": ["Heading", "critical infrastructure"], "absent": ["SECRET_SCRIPT"]}),
        ("html_named.pdf", b"<!DOCTYPE html><html><body><p>" + ENGLISH.encode() + b"</p></body></html>",
         {"status": "ok", "type": "text/html", "contains": ["emergency telecommunications"]}),
        ("contribution.odt", build_odt(FRENCH), {"status": "ok", "language": "fr", "contains": ["Contribution", "Genève"]}),
        ("bundle.zip", build_zip({"a/contribution.pdf": two_pages, "notes.txt": ENGLISH.encode()}),
         {"status": "ok", "parts": 2, "contains": ["Second page body text", "emergency telecommunications"]}),
        ("forwarded.eml", build_eml(two_pages), {"status": "ok", "parts": 1,
                                                 "contains": ["Please find our contribution", "Second page body text"]}),
        ("billion_laughs.docx", build_entity_docx(BILLION_LAUGHS, "&lol9;"), {"status": "corrupt",
                                                                             "reason_contains": "entity"}),
        ("xxe.docx", build_entity_docx(XXE, "&xxe;"), {"status": "corrupt", "absent": ["root:"],
                                                       "reason_contains": "entity"}),
        ("workbook.xlsx", build_xlsx(), {"status": "ok", "contains": ["Member State", "Ruritania",
                                                                      "Inline comment cell"]}),
        ("slides.pptx", build_pptx(), {"status": "ok", "pages": 3, "contains": ["Speaker notes here"],
                                       "first_page_contains": ["Title slide"],
                                       "order": ["Title slide", "Second slide", "Tenth slide"]}),
        ("random.docx", bytes((index * 97 + 13) % 251 for index in range(3000)), {"status": "unsupported"}),
        ("empty.txt", b"", {"status": "empty"}),
        ("pgp.txt", b"-----BEGIN PGP MESSAGE-----\n\nhQEMA...\n-----END PGP MESSAGE-----\n", {"status": "encrypted"}),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, {"status": "unsupported", "reason_contains": "picture"}),
    ]


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    manifest = {}
    for name, data, expectation in golden_documents():
        (GOLDEN / name).write_bytes(data)
        manifest[name] = expectation
    (GOLDEN / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                          encoding="utf-8")
    print(f"wrote {len(manifest)} golden documents to {GOLDEN}")


if __name__ == "__main__":
    main()
