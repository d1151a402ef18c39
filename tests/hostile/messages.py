"""Hostile messages, one builder per guide case, as the exact bytes an attacker or a robot would send."""
from __future__ import annotations

import base64
import io
import zlib
from email.message import EmailMessage
from email.policy import SMTP
from tests import builders
from tests.builders import DOCX_TYPE  # noqa: F401 (importers take it from here)

DOMAIN = "hostile.example"
MINISTRY = "mfa.gov.ke"


def mid(case: str) -> str:
    """The Message-ID each test uses to find its message in the register."""
    return f"<{case}@{DOMAIN}>"


def mail(case: str, *, sender: str | None = None, subject: str | None = None,
         body: str = "Dear colleagues, please find our contribution on the GCA guidelines attached.",
         headers: tuple[tuple[str, str], ...] = ()) -> EmailMessage:
    """An ordinary contribution with CRLF line ends (what Dovecot hands back byte for byte)."""
    message = EmailMessage(policy=SMTP)
    message["From"] = sender or f"Focal Point <{case}@{MINISTRY}>"
    message["To"] = "contributions@itu.int"
    message["Subject"] = subject or f"Contribution {case}"
    message["Message-ID"] = mid(case)
    message["Date"] = "Thu, 09 Jan 2020 10:00:00 +0100"
    for name, value in headers:
        message[name] = value
    message.set_content(body)
    return message


def raw(case: str, head: bytes, body: bytes = b"Please find our contribution.\r\n",
        sender: bytes | None = None) -> bytes:
    """Hand-made bytes for what EmailMessage would refuse to write (one sender per case: no daily cap)."""
    sender = sender or f"Focal Point <{case}@{MINISTRY}>".encode()
    return (b"From: " + sender + b"\r\nTo: contributions@itu.int\r\nMessage-ID: " + mid(case).encode()
            + b"\r\nDate: Thu, 09 Jan 2020 10:00:00 +0100\r\n" + head + b"\r\n" + body)


def docx_bytes(text: str = "National contribution on cybersecurity capacity building.") -> bytes:
    return builders.docx_bytes(text)


# --- 1-3, 6: loops and backscatter -----------------------------------------------------------

AUTO_SUBMITTED = {
    "case01-generated": (("Auto-Submitted", "auto-generated"),),
    "case01-upper": (("auto-submitted", "AUTO-REPLIED"),),
    "case01-params": (("Auto-Submitted", 'auto-notified; owner-email="x@mfa.gov.ke"'),),
    "case01-second-copy": (("Auto-Submitted", "no"), ("Auto-Submitted", "auto-replied")),
    "case01-vendor": (("AUTO-SUBMITTED", "auto-replied-by-vendor-x"),),
}
AUTO_SUBMITTED_NO = "case01-no"

LIST_HEADERS = {
    "case02-bulk": (("Precedence", "bulk"),),
    "case02-junk": (("Precedence", "JUNK"),),
    "case02-list": (("precedence", "list"),),
    "case02-list-id": (("List-Id", "<gca.lists.example.org>"),),
    "case02-unsubscribe": (("list-unsubscribe", "<mailto:leave@lists.example.org>"),),
    "case02-list-post": (("List-Post", "<mailto:gca@lists.example.org>"),),
}

ROBOT_SENDERS = {
    "case03-mailer-daemon": "Mail Delivery System <MAILER-DAEMON@mfa.gov.ke>",
    "case03-postmaster": "postmaster@mfa.gov.ke",
    "case03-owner": "owner-gca@lists.example.org",
    "case03-request": "gca-request@lists.example.org",
    "case03-noreply": "Ministry <noreply@mfa.gov.ke>",
    "case03-no-reply": "no-reply@mfa.gov.ke",
}
EMPTY_RETURN_PATH = "case03-return-path"

OUT_OF_OFFICE = {
    "case06-exchange": ("Re: GCA guidelines", (("X-Auto-Response-Suppress", "All"),
                                              ("X-MS-Exchange-Inbox-Rules-Loop", f"focal@{MINISTRY}"))),
    "case06-en": ("Automatic reply: Contribution to the GCA guidelines", ()),
    "case06-fr": ("Réponse automatique : Contribution aux lignes directrices", ()),
    "case06-es": ("Respuesta automática: Contribución", ()),
    "case06-ru": ("Автоматический ответ: Вклад", ()),
    "case06-ar": ("رد تلقائي: مساهمة", ()),
    "case06-zh": ("自动回复: 文稿", ()),
}


def phase_one() -> dict[str, bytes]:
    """Every case message that does not depend on what mailbot sent: case tag -> bytes."""
    messages: dict[str, bytes] = {}
    for case, headers in AUTO_SUBMITTED.items():
        messages[case] = raw(case, b"Subject: Contribution " + case.encode() + b"\r\n"
                             + b"".join(f"{name}: {value}\r\n".encode() for name, value in headers))
    messages[AUTO_SUBMITTED_NO] = bytes(mail(AUTO_SUBMITTED_NO, sender=f"Focal No <focal-no@{MINISTRY}>",
                                             headers=(("Auto-Submitted", "no"),)))
    for case, headers in LIST_HEADERS.items():
        messages[case] = bytes(mail(case, headers=headers))
    for case, sender in ROBOT_SENDERS.items():
        messages[case] = bytes(mail(case, sender=sender))
    messages[EMPTY_RETURN_PATH] = raw(EMPTY_RETURN_PATH, b"Return-Path: <>\r\nSubject: Contribution\r\n")
    for case, (subject, headers) in OUT_OF_OFFICE.items():
        messages[case] = bytes(mail(case, subject=subject, headers=headers,
                                    sender=f"Absent <{case}@{MINISTRY}>",
                                    body="I am out of the office until 20 January."))
    messages.update(flood())
    messages.update(nothing_to_extract())
    messages.update(strict_from())
    messages.update(header_injection())
    messages.update(hostile_sizes())
    messages.update(broken_structure())
    messages.update(hostile_filenames())
    messages.update(hostile_documents())
    messages.update(spoofing())
    return messages


# --- 7: one sender, sixty mails ---------------------------------------------------------------

FLOOD_SENDER = f"flood@{MINISTRY}"
FLOOD_COUNT = 60


def flood() -> dict[str, bytes]:
    return {f"case07-{number:02d}": bytes(mail(f"case07-{number:02d}", sender=f"Busy <{FLOOD_SENDER}>",
                                               body=f"Contribution part {number} of {FLOOD_COUNT} on the GCA guidelines."))
            for number in range(FLOOD_COUNT)}


# --- 14: nothing to extract -------------------------------------------------------------------

def nothing_to_extract() -> dict[str, bytes]:
    empty = raw("case14-empty", b"Subject: Contribution to the GCA guidelines, with no text\r\n", body=b"")
    binary = mail("case14-binary", subject="Contribution to the GCA guidelines", body="")
    binary.add_attachment(b"\x7fELF\x02\x01\x01" + bytes(200), maintype="application",
                          subtype="octet-stream", filename="tool.bin")
    return {"case14-empty": empty, "case14-binary": bytes(binary)}


# --- 19: strict From --------------------------------------------------------------------------

STRICT_FROM = {
    "case19-comment": b"a@mfa.gov.xx(<b@evil.example>",
    "case19-two-ats": b"a@b@c",
}


def strict_from() -> dict[str, bytes]:
    messages = {case: raw(case, b"Subject: Contribution\r\n", sender=sender) for case, sender in STRICT_FROM.items()}
    messages["case19-two-from"] = raw("case19-two-from", b"From: Other <other@evil.example>\r\nSubject: Contribution\r\n")
    return messages


# --- 20: header injection through echoed values -----------------------------------------------

INJECTED_RECIPIENT = "victim@evil.example"


def _encoded(text: str) -> bytes:
    return b"=?utf-8?B?" + base64.b64encode(text.encode()) + b"?="


INJECTION_BODY = b"Please find our contribution on the GCA guidelines.\r\n"   # on our topic: it gets a receipt


def header_injection() -> dict[str, bytes]:
    subject = _encoded(f"Contribution\r\nBcc: {INJECTED_RECIPIENT}\r\nX-Injected: yes")
    name = _encoded(f"Minister\r\nTo: {INJECTED_RECIPIENT}\r\n")
    bare = _encoded(f"Contribution\nCc: {INJECTED_RECIPIENT}")
    return {
        "case20-subject": raw("case20-subject", b"Subject: " + subject + b"\r\n",
                              sender=b"Focal <focal20@mfa.gov.ke>", body=INJECTION_BODY),
        "case20-name": raw("case20-name", b"Subject: Contribution\r\n",
                           sender=name + b" <focal20b@mfa.gov.ke>", body=INJECTION_BODY),
        "case20-bare-lf": raw("case20-bare-lf", b"Subject: " + bare + b"\r\n", sender=b"focal20c@mfa.gov.ke",
                              body=INJECTION_BODY),
        "case20-filename": _attachment_named("case20-filename", f"report.docx\r\nBcc: {INJECTED_RECIPIENT}",
                                             sender="focal20d@mfa.gov.ke"),
    }


# --- 21: hostile sizes ------------------------------------------------------------------------

def hostile_sizes() -> dict[str, bytes]:
    recipients = b", ".join(b"user%d <user%d@example.org>" % (i, i) for i in range(20_000))
    sections = b";\r\n ".join(b"filename*%d*=%s%%D0%%90" % (i, b"utf-8''" if i == 0 else b"")
                              for i in range(1000))
    nested_open = b"--n0\r\n" + b"".join(b'Content-Type: multipart/mixed; boundary="n%d"\r\n\r\n--n%d\r\n' % (i, i)
                                          for i in range(1, 10_000))
    nested_close = b"".join(b"\r\n--n%d--" % i for i in reversed(range(10_000)))
    return {
        "case21-megabyte-header": raw("case21-megabyte-header", b"Subject: Contribution\r\nX-Junk: "
                                      + b"a" * 1_500_000 + b"\r\n", body=b"the body survives\r\n"),
        "case21-recipients": raw("case21-recipients", b"Subject: Contribution\r\nCc: " + recipients + b"\r\n"),
        "case21-rfc2231": raw("case21-rfc2231", b'Subject: Contribution\r\nMIME-Version: 1.0\r\n'
                              b'Content-Type: multipart/mixed; boundary="s"\r\n',
                              body=b"--s\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--s\r\n"
                              b"Content-Type: application/pdf\r\nContent-Disposition: attachment; "
                              + sections + b"\r\n\r\n%PDF-1.4\r\n--s--\r\n"),
        "case21-nested": raw("case21-nested", b"Subject: Contribution\r\nMIME-Version: 1.0\r\n"
                             b'Content-Type: multipart/mixed; boundary="n0"\r\n',
                             body=nested_open + b"Content-Type: text/plain\r\n\r\ndeepest" + nested_close + b"\r\n"),
    }


# --- 22: broken structure -------------------------------------------------------------------

def broken_structure() -> dict[str, bytes]:
    document = base64.encodebytes(docx_bytes("Contribution kept despite a missing closing boundary."))
    missing_close = (b'Subject: Contribution\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n',
                     b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGood body text.\r\n--b\r\n"
                     b"Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n"
                     b'Content-Disposition: attachment; filename="kept.docx"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
                     + document.replace(b"\n", b"\r\n"))
    truncated = (b'Subject: Contribution\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="t"\r\n',
                 b"--t\r\nContent-Type: text/plain\r\n\r\nBody before the cut.\r\n--t\r\n"
                 b'Content-Type: application/pdf\r\nContent-Disposition: attachment; filename="cut.pdf"\r\n'
                 b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcfs")
    unknown_charset = (b"Subject: Contribution\r\nMIME-Version: 1.0\r\n"
                       b'Content-Type: text/plain; charset="x-no-such-charset"\r\n',
                       b"Body in an unknown charset: caf\xe9.\r\n")
    eight_bit = (b"Subject: Contribuci\xc3\xb3n de Espa\xc3\xb1a \xe9t\xe9\r\n", b"Cuerpo del mensaje.\r\n")
    names = (b'Subject: Contribution\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="r"\r\n',
             b"--r\r\nContent-Type: text/plain\r\n\r\nTwo files.\r\n--r\r\nContent-Type: application/pdf\r\n"
             b"Content-Disposition: attachment; filename*=utf-8''%D0%92%D0%BA%D0%BB%D0%B0%D0%B4.pdf\r\n\r\n"
             b"%PDF-1.4\r\n--r\r\nContent-Type: application/pdf\r\n"
             b"Content-Disposition: attachment; filename*=utf-8''%D9%85%D8%B3%D8%A7%D9%87%D9%85%D8%A9.pdf\r\n\r\n"
             b"%PDF-1.4\r\n--r--\r\n")
    built = {"case22-missing-boundary": missing_close, "case22-truncated": truncated,
             "case22-unknown-charset": unknown_charset, "case22-8bit-headers": eight_bit,
             "case22-rfc2231-names": names}
    return {case: raw(case, head, body, sender=f"Focal <{case}@mfa.gov.es>".encode())
            for case, (head, body) in built.items()}


CYRILLIC_NAME, ARABIC_NAME = "Вклад.pdf", "مساهمة.pdf"


# --- 23: hostile file names ----------------------------------------------------------------

HOSTILE_NAMES = {
    "case23-dotdot": "../../x.pdf",
    "case23-backslash": "..\\..\\x.docx",
    "case23-absolute": "/etc/passwd",
    "case23-nul": "a\x00b.pdf",
    "case23-long": "n" * 300 + ".docx",
}


def _attachment_named(case: str, filename: str, sender: str | None = None) -> bytes:
    quoted = "".join(f"%{byte:02X}" for byte in filename.encode())
    return raw(case, b'Subject: Contribution\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="f"\r\n',
               b"--f\r\nContent-Type: text/plain\r\n\r\nSee the file.\r\n--f\r\n"
               b"Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n"
               b"Content-Disposition: attachment; filename*=utf-8''" + quoted.encode()
               + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               + base64.encodebytes(docx_bytes()).replace(b"\n", b"\r\n") + b"--f--\r\n",
               sender=sender.encode() if sender else None)


def hostile_filenames() -> dict[str, bytes]:
    return {case: _attachment_named(case, name) for case, name in HOSTILE_NAMES.items()}


# --- 24-29: hostile documents ------------------------------------------------------------------

def _pdf(objects: list[bytes], broken_xref: bool = False) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % (offset + (977 if broken_xref else 0))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1,
                                                                          xref_at + (55 if broken_xref else 0))
    return bytes(out)


def recursive_page_tree_pdf() -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                 b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>"])


def text_pdf(text: bytes = b"Contribution of Kenya") -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                 b"/Resources << /Font << /F1 5 0 R >> >> >>",
                 b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"], broken_xref=True)


def bomb_pdf(inflated_mb: int = 400) -> bytes:
    """A content stream that inflates to `inflated_mb` (the hostile run caps extraction at 256 MB)."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(squeeze.compress(chunk) for _ in range(inflated_mb)) + squeeze.flush()
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"])


def xxe_docx() -> bytes:
    """A DOCX whose document.xml declares entities: billion laughs and an external file."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes("harmless")))
    out = io.BytesIO()
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(10))
    doctype = f'<!DOCTYPE w:document [{laughs}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                head, _, rest = text.partition("?>")
                rest = rest.replace("harmless", "&l9; &xxe;")
                data = (head + "?>" + doctype + rest).encode()
            target.writestr(item, data)
    return out.getvalue()


def zip_bomb_docx(entries: int = 20_000) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        target.writestr("word/document.xml", b"<" + b" " * (50 * 1024 * 1024) + b">")
        for number in range(entries):
            target.writestr(f"junk/{number}.xml", b"")
    return out.getvalue()


DOCUMENT_CASES = {
    # case tag: (file name as sent, declared type, bytes builder)
    "case24-recursive-pages": ("pages.pdf", ("application", "pdf"), recursive_page_tree_pdf),
    "case24-broken-xref": ("xref.pdf", ("application", "pdf"), text_pdf),
    "case24-bomb": ("bomb.pdf", ("application", "pdf"), bomb_pdf),
    "case27-entities": ("entities.docx", DOCX_TYPE, xxe_docx),
    "case27-zip-bomb": ("zipbomb.docx", DOCX_TYPE, zip_bomb_docx),
    "case28-html-as-pdf": ("really-html.pdf", ("application", "pdf"),
                           lambda: b"<!DOCTYPE html><html><body><p>Contribution of Kenya on the GCA.</p></body></html>"),
}


def hostile_documents() -> dict[str, bytes]:
    messages = {}
    for case, (filename, (maintype, subtype), build) in DOCUMENT_CASES.items():
        message = mail(case, sender=f"Focal <{case}@{MINISTRY}>")
        message.add_attachment(build(), maintype=maintype, subtype=subtype, filename=filename)
        messages[case] = bytes(message)
    return messages


# --- 30-32: spoofing ------------------------------------------------------------------------

TRUSTED_AUTHSERV = "mx.itu.int"


def spoofing() -> dict[str, bytes]:
    failed = mail("case30-dmarc-fail", sender="Ministry of Foreign Affairs <cyber@diplomatie.gouv.fr>",
                  headers=(("Authentication-Results", f"{TRUSTED_AUTHSERV}; dkim=fail header.d=diplomatie.gouv.fr; "
                                                      "spf=fail smtp.mailfrom=diplomatie.gouv.fr; "
                                                      "dmarc=fail header.from=diplomatie.gouv.fr"),
                           ("Authentication-Results", "evil.example; dkim=pass; spf=pass; dmarc=pass")))
    forged = mail("case30-foreign-ar", sender="Ministry <cyber@diplomatie.gouv.fr>",
                  headers=(("Authentication-Results", "mx.evil.example; dkim=pass header.d=diplomatie.gouv.fr; "
                                                      "spf=pass; dmarc=pass header.from=diplomatie.gouv.fr"),))
    webmail = mail("case31-webmail", sender="Ministry of Foreign Affairs of Kenya <kenya.mfa.2020@gmail.com>",
                   body="Please find the contribution of the Ministry on the GCA guidelines.")
    outer = mail("case32-forwarded", sender="Secretariat Staff <staff.member@itu.int>",
                 subject="Fwd: Contribution of Kenya", body="Forwarding the contribution below.")
    inner = mail("case32-inner", sender="Director ICT <director@ict.go.ke>",
                 subject="Contribution of the Republic of Kenya to the GCA guidelines",
                 body="The Republic of Kenya submits its contribution on the GCA guidelines.")
    inner.add_attachment(docx_bytes("Contribution of the Republic of Kenya."), maintype=DOCX_TYPE[0],
                         subtype=DOCX_TYPE[1], filename="Kenya-contribution.docx")
    outer.add_attachment(inner)
    return {"case30-dmarc-fail": bytes(failed), "case30-foreign-ar": bytes(forged),
            "case31-webmail": bytes(webmail), "case32-forwarded": bytes(outer)}


# --- phase two: built from what mailbot sent in phase one -----------------------------------

def dsn_for(case: str, failed_address: str, original_message_id: str) -> bytes:
    """A delivery status notification (RFC 3464) answering one of our acknowledgements."""
    return raw(case, b'Subject: Delivery Status Notification (Failure)\r\nMIME-Version: 1.0\r\n'
               b'Content-Type: multipart/report; report-type=delivery-status; boundary="d"\r\n',
               b"--d\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n--d\r\n"
               b"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.mfa.gov.ke\r\n\r\n"
               b"Final-Recipient: rfc822; " + failed_address.encode() + b"\r\nAction: failed\r\n"
               b"Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n--d\r\n"
               b"Content-Type: text/rfc822-headers\r\n\r\nMessage-ID: " + original_message_id.encode()
               + b"\r\nSubject: Receipt\r\n\r\n--d--\r\n",
               sender=b"Mail Delivery System <MAILER-DAEMON@mx.mfa.gov.ke>")


def under_our_domain(case: str, our_domain: str) -> bytes:
    """A message whose Message-ID is ours but carries no loop header (stripped by a relay)."""
    return bytes(mail(case, sender="Some Relay <relay@mfa.gov.ke>", subject="Receipt GCA-2020-0001")
                 ).replace(mid(case).encode(), our_message_id(case, our_domain).encode())


def our_message_id(case: str, our_domain: str) -> str:
    return f"<relay-copy.{case}@{our_domain}>"


CORPUS_DOCUMENTS = {
    # case tag: (corpus path under docs/, file name as sent, declared type)
    "case24-corpus-corrupted": ("pdf/corrupted_zen_of_python.pdf", "zen.pdf", ("application", "pdf")),
    "case24-corpus-recursive-xobjects": ("pdf/evil_recursive_xobjects.pdf", "xobjects.pdf", ("application", "pdf")),
    "case25-empty-password": ("pdf/encrypted_rc4_r2_empty_password.pdf", "open.pdf", ("application", "pdf")),
    "case25-real-password": ("pdf/encrypted_aes256_r6_password_required.pdf", "locked.pdf", ("application", "pdf")),
    "case26-scanned": ("pdf/scanned_image_only_3pages.pdf", "scan.pdf", ("application", "pdf")),
    "case28-docx-named-doc": ("doc/docx_misnamed_as_eng_spa.doc", "really-docx.doc", ("application", "msword")),
    "case29-shell-name": ("doc/word97_emphasized_text.doc", "x;touch PWNED-case29;$(touch PWNED-case29b).doc",
                          ("application", "msword")),
}


def corpus_documents(docs_folder) -> dict[str, bytes]:
    """Contributions carrying real hostile documents from the shared corpus (by path, never copied)."""
    messages = {}
    for case, (path, filename, (maintype, subtype)) in CORPUS_DOCUMENTS.items():
        source = docs_folder / path
        if not source.is_file():
            continue
        message = mail(case, sender=f"Focal <{case}@{MINISTRY}>")
        message.add_attachment(source.read_bytes(), maintype=maintype, subtype=subtype, filename=filename)
        messages[case] = bytes(message)
    return messages
