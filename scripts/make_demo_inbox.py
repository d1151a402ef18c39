"""Build the bundled demo Maildir (data/demo/inbox) from data/demo/messages.toml, byte for byte the same on every run.

Usage: python scripts/make_demo_inbox.py [--out DIR]

Each message is written as an Outlook/Exchange, Gmail or mailing-list style MIME file. The delivery
time is the leading epoch of the Maildir name (git keeps no file times) and also set as the file time.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import shutil
import sys
import tomllib
import zipfile
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.quoprimime import body_encode as qp_encode
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "data" / "demo" / "messages.toml"
OUT = REPO / "data" / "demo" / "inbox"
MX = "mx1.itu.int"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


# ------------------------------------------------------------------------------------------------
# Documents


def make_docx(doc: dict, author: str, when: datetime) -> bytes:
    """A small real .docx (python-docx), with fixed properties and zip times so it never changes."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = author
    props.title = doc["title"]
    props.created = props.modified = when.replace(tzinfo=None)
    props.revision = 1
    document.add_heading(doc["title"], level=1)
    for paragraph in doc["paragraphs"]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def make_pdf(doc: dict, author: str, when: datetime) -> bytes:
    """A small real PDF 1.4 with a text layer (standard Helvetica, WinAnsi), written by hand."""
    lines = [("F2", 14, doc["title"]), ("F1", 11, "")]
    for paragraph in doc["paragraphs"]:
        lines += [("F1", 11, text) for text in _wrap(paragraph, 88)] + [("F1", 11, "")]
    pages = [lines[start:start + 48] for start in range(0, len(lines), 48)]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in pages:
        stream = _page_stream(page)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                        % (pages_id, content, regular, bold)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = (b"<< /Type /Pages /Kids [%s] /Count %d >>"
                             % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids)))
    stamp = when.strftime("D:%Y%m%d%H%M%S+00'00'").encode()
    info = add(b"<< /Title " + _pdf_string(doc["title"]) + b" /Author " + _pdf_string(author)
               + b" /Producer (Microsoft\xae Word 2016) /CreationDate (" + stamp + b") /ModDate ("
               + stamp + b") >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    file_id = hashlib.md5(bytes(out)).hexdigest().encode()
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, file_id, file_id, xref))
    return bytes(out)


def _page_stream(lines: list[tuple[str, int, str]]) -> bytes:
    parts = [b"BT", b"72 770 Td", b"15 TL"]
    for font, size, text in lines:
        parts.append(b"/%s %d Tf" % (font.encode(), size))
        parts.append(_pdf_string(text) + b" Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])


# ------------------------------------------------------------------------------------------------
# MIME, written out by hand so every header and boundary is exactly as a real client writes it


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")


def _body(text: str, charset: str, encoding: str) -> str:
    data = text.replace("\n", "\r\n").encode(charset)
    if encoding == "base64":
        return _b64(data)
    if encoding == "quoted-printable":
        return qp_encode(data.decode("latin-1"), maxlinelen=76, eol="\n") + "\n"
    return text + ("" if text.endswith("\n") else "\n")


def _part(headers: list[tuple[str, str]], body: str) -> str:
    return "".join(f"{name}: {value}\n" for name, value in headers) + "\n" + body


def _multipart(boundary: str, parts: list[str]) -> str:
    return "".join(f"--{boundary}\n{part}\n" for part in parts) + f"--{boundary}--\n"


def _encoded_word(text: str, charset: str) -> str:
    if text.isascii():
        return text
    return Header(text, charset).encode(maxlinelen=10_000)


def _html(text: str, outlook: bool) -> str:
    paragraphs = "".join(
        (f'<p class="MsoNormal">{_escape(block)}<o:p></o:p></p>\n' if outlook
         else f"<div>{_escape(block)}</div><div><br></div>\n")
        for block in text.split("\n\n"))
    if outlook:
        return ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns:w="urn:schemas-microsoft-com:office:word">\n<head>\n'
                '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
                '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
                "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif;} "
                "--></style>\n</head>\n<body lang=\"EN-US\" link=\"#0563C1\">\n<div class=\"WordSection1\">\n"
                f"{paragraphs}</div>\n</body>\n</html>\n")
    return f'<div dir="ltr">{paragraphs}</div>\n'


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>\n"))


def _attachment_part(attachment: dict, data: bytes, style: str, when: datetime) -> str:
    name = attachment["filename"]
    mime = DOCX_TYPE if name.lower().endswith(".docx") else "application/pdf"
    if style == "outlook":   # Outlook: RFC 2047 words inside quotes, plus size and dates
        word = _encoded_word(name, attachment.get("name_charset", "utf-8"))
        stamp = format_datetime(when.astimezone(timezone.utc), usegmt=True)
        return _part([
            ("Content-Type", f'{mime}; name="{word}"'),
            ("Content-Description", word),
            ("Content-Disposition", f'attachment; filename="{word}"; size={len(data)};\n'
                                    f'\tcreation-date="{stamp}";\n\tmodification-date="{stamp}"'),
            ("Content-Transfer-Encoding", "base64"),
        ], _b64(data))
    if name.isascii():
        params = f'name="{name}"', f'filename="{name}"'
    else:                    # Gmail: RFC 2231 for the filename, RFC 2047 for the name
        params = (f'name="{_encoded_word(name, "utf-8")}"', f"filename*=UTF-8''{quote(name)}")
    attachment_id = "f_" + _digest(name)[:11]
    return _part([
        ("Content-Type", f"{mime}; \n\t{params[0]}"),
        ("Content-Disposition", f"attachment; \n\t{params[1]}"),
        ("Content-Transfer-Encoding", "base64"),
        ("Content-ID", f"<{attachment_id}>"),
        ("X-Attachment-Id", attachment_id),
    ], _b64(data))


def _text_parts(message: dict, style: str) -> str:
    charset = message.get("charset", "utf-8")
    encoding = message.get("encoding", "base64" if charset != "us-ascii" else "7bit")
    text = message["body"]
    plain = _part([("Content-Type", f'text/plain; charset="{charset}"'),
                   ("Content-Transfer-Encoding", encoding)], _body(text, charset, encoding))
    html = _part([("Content-Type", 'text/html; charset="utf-8"'),
                  ("Content-Transfer-Encoding", "quoted-printable")],
                 _body(_html(text, style == "outlook"), "utf-8", "quoted-printable"))
    boundary = _boundary(message, "alt", style)
    return _part([("Content-Type", f'multipart/alternative; boundary="{boundary}"')],
                 _multipart(boundary, [plain, html]))


def _boundary(message: dict, role: str, style: str) -> str:
    seed = _digest(message["id"], role)
    if style == "outlook":
        return f"_00{'4' if role == 'mixed' else '0'}_{seed[:40].upper()}_"
    return "000000000000" + seed[:16]


def _message_id(message: dict, style: str, domain: str) -> str:
    seed = _digest(message["id"], "message-id")
    if style == "outlook":
        return f"<{seed[:32].upper()}@{message.get('exchange_host', 'MAIL01.' + domain)}>"
    if style == "gmail":
        return f"<CA{base64.b64encode(bytes.fromhex(seed[:48])).decode()}@mail.gmail.com>"
    return f"<{seed[:24]}.{seed[24:32]}@{domain}>"


def _trace_headers(message: dict, received: datetime, domain: str) -> list[tuple[str, str]]:
    local = received.astimezone(timezone(timedelta(hours=1)))
    relay = message.get("relay", f"mail.{domain}")
    ip = message.get("relay_ip", "192.0.2.25")
    queue = _digest(message["id"], "queue")[:10].upper()
    auth_domain = message.get("dkim_domain", domain)
    headers = [("Return-Path", message.get("return_path", f"<{_address(message['from'])}>")),
               ("Delivered-To", "contributions@itu.int"),
               ("Received", f"from {relay} ({relay} [{ip}])\n\tby {MX} (Postfix) with ESMTPS id {queue}\n"
                            f"\tfor <contributions@itu.int>; {format_datetime(local)} (CET)")]
    if message.get("authenticated", True):
        headers.append(("Authentication-Results",
                        f"{MX};\n\tdkim=pass header.d={auth_domain} header.s=selector1;\n"
                        f"\tspf=pass smtp.mailfrom={auth_domain};\n\tdmarc=pass header.from={auth_domain}"))
    return headers


def _address(header_value: str) -> str:
    return header_value.rsplit("<", 1)[-1].rstrip(">").strip()


def _display(value: str, charset: str = "utf-8") -> str:
    """`Name <addr>` with the name RFC 2047-encoded when it is not ASCII."""
    if "<" not in value:
        return value
    name, address = value.rsplit("<", 1)
    name = name.strip().strip('"')
    shown = _encoded_word(name, charset) if not name.isascii() else f'"{name}"' if "," in name else name
    return f"{shown} <{address}"


def build_message(message: dict) -> tuple[bytes, datetime]:
    """The message's exact bytes and its delivery time."""
    style = message.get("style", "outlook")
    received = datetime.fromisoformat(message["received"]).astimezone(timezone.utc)
    sender_zone = timezone(timedelta(hours=float(message.get("utc_offset", 0))))
    sent = (received - timedelta(seconds=int(message.get("transit_seconds", 7)))).astimezone(sender_zone)
    domain = _address(message["from"]).split("@", 1)[1]
    charset = message.get("charset", "utf-8")
    headers = _trace_headers(message, received, domain)
    headers += [("From", _display(message["from"], charset)), ("To", message.get("to", "contributions@itu.int"))]
    if message.get("cc"):
        headers.append(("CC", ", ".join(_display(item) for item in message["cc"])))
    headers += [("Subject", _encoded_word(message["subject"], charset)),
                ("Date", format_datetime(sent)),
                ("Message-ID", message.get("message_id") or _message_id(message, style, domain))]
    for name in ("in_reply_to", "references"):
        if message.get(name):
            headers.append((name.replace("_", "-").title(), message[name]))
    headers += [tuple(item) for item in message.get("extra_headers", [])]
    if style == "outlook":
        headers += [("Thread-Topic", _encoded_word(message["subject"], charset)),
                    ("Thread-Index", base64.b64encode(bytes.fromhex(_digest(message["id"], "t")[:44])).decode()),
                    ("Accept-Language", message.get("language", "en-US")),
                    ("Content-Language", message.get("language", "en-US")),
                    ("X-MS-Has-Attach", "yes" if message.get("attachments") else ""),
                    ("X-MS-TNEF-Correlator", "")]
    headers.append(("MIME-Version", "1.0"))
    body_headers, body = _body_of(message, style, sent)
    raw = "".join(f"{name}: {value}\n" for name, value in headers + body_headers) + "\n" + body
    return raw.encode("ascii"), received


def _body_of(message: dict, style: str, sent: datetime) -> tuple[list[tuple[str, str]], str]:
    kind = message.get("kind", "mail")
    if kind == "dsn":
        return _dsn_body(message)
    author = _address(message["from"])
    attachments = message.get("attachments", [])
    text = _text_parts(message, style)
    if not attachments:
        head, _blank, rest = text.partition("\n\n")
        return [tuple(head.split(": ", 1))], rest
    parts = [text]
    for attachment in attachments:
        maker = make_docx if attachment["filename"].lower().endswith(".docx") else make_pdf
        data = maker(attachment, attachment.get("author", author), sent.astimezone(timezone.utc))
        parts.append(_attachment_part(attachment, data, style, sent))
    boundary = _boundary(message, "mixed", style)
    return [("Content-Type", f'multipart/mixed;\n\tboundary="{boundary}"')], _multipart(boundary, parts)


def _dsn_body(message: dict) -> tuple[list[tuple[str, str]], str]:
    queue = _digest(message["id"], "queue")[:15].upper()
    epoch = int(datetime.fromisoformat(message["received"]).timestamp())
    boundary = f"{queue}.{epoch}/{_address(message['from']).split('@', 1)[1]}"
    human = _part([("Content-Description", "Notification"),
                   ("Content-Type", "text/plain; charset=us-ascii")], message["body"] + "\n")
    status = _part([("Content-Description", "Delivery report"),
                    ("Content-Type", "message/delivery-status")], message["delivery_status"] + "\n")
    original = _part([("Content-Description", "Undelivered Message Headers"),
                      ("Content-Type", "text/rfc822-headers")], message["original_headers"] + "\n")
    return ([("Content-Type", f'multipart/report; report-type=delivery-status;\n\tboundary="{boundary}"')],
            "This is a MIME-encapsulated message.\n\n" + _multipart(boundary, [human, status, original]))


# ------------------------------------------------------------------------------------------------


def maildir_name(number: int, received: datetime, folder: str) -> str:
    unique = f"{int(received.timestamp())}.M{number}P1.demo"
    return unique + (":2,S" if folder == "cur" else "")


def write_inbox(spec: Path, out: Path) -> list[Path]:
    messages = tomllib.loads(spec.read_text(encoding="utf-8"))["message"]
    if out.exists():
        shutil.rmtree(out)
    for sub in ("cur", "new", "tmp"):
        (out / sub).mkdir(parents=True)
        (out / sub / ".gitkeep").write_text("")
    written = []
    for number, message in enumerate(messages, start=1):
        raw, received = build_message(message)
        folder = message.get("folder", "new")
        path = out / folder / maildir_name(number, received, folder)
        path.write_bytes(raw)
        os.utime(path, (received.timestamp(), received.timestamp()))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for path in write_inbox(args.spec, args.out):
        print(f"{path.stat().st_size:>7}  {path.relative_to(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
