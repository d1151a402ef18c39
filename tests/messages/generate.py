"""Writes the golden messages (<name>.eml) and what we expect of them (<name>.json); run by hand.

Every expectation below is written by a person from what the message means, never copied from
the parser's output. Run: python tests/messages/generate.py
"""
from __future__ import annotations

import base64
import binascii
import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OURS = "consult.example.int"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
TNEF = b"\x78\x9f\x3e\x22\x01\x00\x01\x06\x90\x08\x00\x00\x00\x00" + b"\x00" * 32


def docx_bytes(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:body><w:p><w:t>{text}</w:t></w:p></w:body></w:document>")
    return buffer.getvalue()


def word(text: str, charset: str = "utf-8") -> str:
    """An RFC 2047 B-encoded word."""
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def head(frm: str = "Ministry of Foreign Affairs <consultation@mfa.gov.xx>", subject: str = "Contribution",
         extra: str = "", message_id: str = "<m1@mfa.gov.xx>") -> str:
    return (f"From: {frm}\r\nTo: Consultation <consultation@{OURS}>\r\nSubject: {subject}\r\n"
            f"Date: Mon, 02 Mar 2020 10:00:00 +0100\r\nMessage-ID: {message_id}\r\nMIME-Version: 1.0\r\n{extra}")


def mixed(parts: list[str], boundary: str = "b1", close: bool = True) -> str:
    body = "".join(f"--{boundary}\r\n{part}\r\n" for part in parts)
    return f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n{body}' + (f"--{boundary}--\r\n" if close else "")


TEXT = "Content-Type: text/plain; charset=utf-8\r\n\r\nPlease find our contribution attached.\r\n"


def attachment(data: bytes, disposition: str, ctype: str = "application/octet-stream") -> str:
    return (f"Content-Type: {ctype}\r\nContent-Disposition: {disposition}\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{b64(data)}\r\n")


def uuencoded(data: bytes, name: str) -> str:
    lines = [f"begin 644 {name}"]
    for i in range(0, len(data), 45):
        lines.append(binascii.b2a_uu(data[i:i + 45]).decode().rstrip("\n"))
    lines += ["`", "end"]
    return "\r\n".join(lines)


def expect(kind: str, frm: str | None, subject: str, attachments=(), defects=(), forwarded: int = 0,
           body: str | None = None, **more) -> dict:
    return {"kind": kind, "from": frm, "subject": subject,
            "attachments": [dict(zip(("filename", "sniffed_type", "inline_image"), a)) for a in attachments],
            "defects_contain": list(defects), "forwarded": forwarded, "body_contains": body, **more}


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MFA = "consultation@mfa.gov.xx"

CASES: dict[str, tuple[str | bytes, dict]] = {
    "plain_docx_contribution": (
        head() + mixed([TEXT, attachment(docx_bytes("Our views"), 'attachment; filename="Views.docx"')]),
        expect("contribution", MFA, "Contribution", [("Views.docx", DOCX, False)], body="contribution attached"),
    ),
    "rfc2231_cyrillic_pdf": (
        head(subject=word("Вклад")) + mixed([TEXT, attachment(
            PDF, "attachment; filename*=utf-8''%D0%92%D0%BA%D0%BB%D0%B0%D0%B4.pdf")]),
        expect("contribution", MFA, "Вклад", [("Вклад.pdf", "application/pdf", False)]),
    ),
    "rfc2231_arabic_continuations": (
        head() + mixed([TEXT, attachment(PDF, "attachment;\r\n filename*0*=utf-8''%D9%85%D8%B3%D8%A7;\r\n"
                                              " filename*1*=%D9%87%D9%85%D8%A9;\r\n filename*2=.pdf")]),
        expect("contribution", MFA, "Contribution", [("مساهمة.pdf", "application/pdf", False)]),
    ),
    "rfc2047_japanese_name": (
        head() + mixed([TEXT, "Content-Type: application/pdf; name=\"" + word("日本語", "iso-2022-jp") + ".pdf\"\r\n"
                              "Content-Transfer-Encoding: base64\r\n\r\n" + b64(PDF) + "\r\n"]),
        expect("contribution", MFA, "Contribution", [("日本語.pdf", "application/pdf", False)]),
    ),
    "cve_2023_27043_comment": (
        head(frm="a@mfa.gov.xx(<b@evil.example>") + TEXT,
        expect("other", None, "Contribution", defects=["ambiguous address in From"]),
    ),
    "double_at_sign": (
        head(frm="a@b@c.example") + TEXT,
        expect("other", None, "Contribution", defects=["ambiguous address in From"]),
    ),
    "two_from_headers": (
        "From: Official <consultation@mfa.gov.xx>\r\n" + head(frm="attacker@evil.example") + TEXT,
        expect("other", None, "Contribution", defects=["2 From headers"]),
    ),
    "header_injection_subject": (
        head(subject=word("Hello\r\nBcc: evil@evil.example")) + TEXT,
        expect("contribution", MFA, "Hello Bcc: evil@evil.example", defects=["header injection attempt"]),
    ),
    "hostile_filenames": (
        head() + mixed([TEXT,
                        attachment(PDF, 'attachment; filename="../../etc/x.pdf"'),
                        attachment(PDF, 'attachment; filename="..\\\\..\\\\x.pdf"'),
                        attachment(PDF, 'attachment; filename="/etc/passwd"'),
                        attachment(PDF, "attachment; filename*=utf-8''evil%00name.pdf"),
                        attachment(PDF, f'attachment; filename="{"a" * 300}.pdf"')]),
        expect("contribution", MFA, "Contribution", [
            ("../../etc/x.pdf", "application/pdf", False), ("..\\..\\x.pdf", "application/pdf", False),
            ("/etc/passwd", "application/pdf", False), ("evilname.pdf", "application/pdf", False),
            ("a" * 300 + ".pdf", "application/pdf", False)], defects=["looks like a path or is unsafe"]),
    ),
    "html_only_body": (
        head() + "Content-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{color:red}</style>"
                 "<script>alert('x')</script></head><body><p>Dear Secretariat,</p><p>Our comments&nbsp;follow.</p>"
                 "</body></html>\r\n",
        expect("contribution", MFA, "Contribution", body="Our comments follow.", body_excludes="alert"),
    ),
    "inline_signature_logo": (
        head() + mixed(['Content-Type: multipart/related; boundary="rel"\r\n\r\n--rel\r\n'
                        'Content-Type: text/html; charset=utf-8\r\n\r\n<p>Regards</p><img src="cid:logo1">\r\n'
                        "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo1>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + b64(PNG) + "\r\n--rel--",
                        attachment(PDF, 'attachment; filename="Paper.pdf"')]),
        expect("contribution", MFA, "Contribution", [(None, "image/png", True), ("Paper.pdf", "application/pdf", False)],
               body="Regards"),
    ),
    "forwarded_rfc822": (
        head(frm="Assistant <assistant@webmail.example>", subject="Fwd: Contribution") + mixed([
            "Content-Type: text/plain\r\n\r\nForwarding on behalf of the Ministry.\r\n",
            "Content-Type: message/rfc822\r\n\r\n" + head(message_id="<inner@mfa.gov.xx>")
            + mixed([TEXT, attachment(PDF, 'attachment; filename="Inner.pdf"')], boundary="inner")]),
        expect("contribution", "assistant@webmail.example", "Fwd: Contribution", forwarded=1,
               forwarded_from=[MFA], forwarded_attachments=[["Inner.pdf"]]),
    ),
    "dsn_bounce": (
        f"From: Mail Delivery System <MAILER-DAEMON@mx.mfa.gov.xx>\r\nTo: consultation@{OURS}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn1@mx.mfa.gov.xx>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
        "--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.mfa.gov.xx\r\n\r\n"
        "Final-Recipient: rfc822; focal.point@mfa.gov.xx\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
        f"--r\r\nContent-Type: message/rfc822-headers\r\n\r\nFrom: consultation@{OURS}\r\n"
        f"Message-ID: <ack-0017@{OURS}>\r\nSubject: Acknowledgement GCA-2020-0017\r\n\r\n--r--\r\n",
        expect("bounce", "MAILER-DAEMON@mx.mfa.gov.xx", "Undelivered Mail Returned to Sender",
               [(None, "message/delivery-status", False), (None, "message/rfc822-headers", False)],
               bounce=[["focal.point@mfa.gov.xx", "5.1.1", "550 5.1.1 user unknown", f"<ack-0017@{OURS}>"]]),
    ),
    "exchange_oof": (
        head(subject="Automatic reply: Consultation", extra="X-Auto-Response-Suppress: All\r\n"
             "X-MS-Exchange-Inbox-Rules-Loop: consultation@mfa.gov.xx\r\n") + TEXT,
        expect("auto_reply", MFA, "Automatic reply: Consultation"),
    ),
    "oof_russian_subject": (
        head(subject=word("Автоматический ответ: Консультация"))
        + TEXT,
        expect("auto_reply", MFA, "Автоматический ответ: Консультация"),
    ),
    "oof_arabic_subject": (
        head(subject=word("رد تلقائي: المشاورة")) + TEXT,
        expect("auto_reply", MFA, "رد تلقائي: المشاورة"),
    ),
    "auto_submitted_second_copy": (
        head(subject="Consultation", extra="Auto-Submitted: no\r\nAUTO-SUBMITTED: Auto-Generated\r\n") + TEXT,
        expect("auto_reply", MFA, "Consultation"),
    ),
    "list_mail": (
        head(subject="[itu-list] Consultation", extra="List-Id: <itu-list.lists.example>\r\n") + TEXT,
        expect("other", MFA, "[itu-list] Consultation"),
    ),
    "noreply_sender": (
        head(frm="Portal <no-reply@portal.example>", subject="Your submission") + TEXT,
        expect("other", "no-reply@portal.example", "Your submission"),
    ),
    "our_loop_header": (
        head(frm=f"consultation@{OURS}", subject="Acknowledgement", extra="X-Mailbot-Loop: 1\r\n",
             message_id="<x1@relay.example>") + TEXT,
        expect("loop", f"consultation@{OURS}", "Acknowledgement"),
    ),
    "our_message_id": (
        head(frm="forwarder@relay.example", subject="Acknowledgement", message_id=f"<ack-1@{OURS}>") + TEXT,
        expect("loop", "forwarder@relay.example", "Acknowledgement"),
    ),
    "reply_to_our_ack": (
        head(subject="Re: Acknowledgement GCA-2020-0017", extra=f"In-Reply-To: <ack-0017@{OURS}>\r\n")
        + "Content-Type: text/plain\r\n\r\nThank you.\r\n",
        expect("reply", MFA, "Re: Acknowledgement GCA-2020-0017"),
    ),
    "missing_closing_boundary": (
        head() + mixed([TEXT, attachment(PDF, 'attachment; filename="Kept.pdf"')], close=False),
        expect("contribution", MFA, "Contribution", [("Kept.pdf", "application/pdf", False)],
               defects=["missing closing boundary"]),
    ),
    "unknown_charset": (
        head() + "Content-Type: text/plain; charset=x-klingon\r\n\r\nContribution text.\r\n",
        expect("contribution", MFA, "Contribution", defects=["unknown charset 'x-klingon'"], body="Contribution text."),
    ),
    "raw_8bit_latin1_headers": (
        head(frm="=?utf-8?q?Minist=C3=A8re?= <consultation@mfa.gov.xx>", subject="Réponse à la consultation").encode("latin-1")
        + TEXT.encode(),
        expect("contribution", MFA, "Réponse à la consultation", defects=["raw 8-bit bytes"]),
    ),
    "bad_base64": (
        head() + mixed([TEXT, 'Content-Type: application/pdf; name="Broken.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
                        + b64(PDF)[:-3] + "!!*\r\n"]),
        expect("contribution", MFA, "Contribution", [("Broken.pdf", "application/pdf", False)], defects=["bad base64"]),
    ),
    "x_uuencode_part": (
        head() + mixed([TEXT, 'Content-Type: application/pdf; name="Old.pdf"\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n'
                        + uuencoded(PDF, "Old.pdf") + "\r\n"]),
        expect("contribution", MFA, "Contribution", [("Old.pdf", "application/pdf", False)]),
    ),
    "no_blank_line_after_headers": (
        head() + "Content-Type: text/plain\r\nThis line is not a header.\r\nSecond line.\r\n",
        expect("contribution", MFA, "Contribution", defects=["no blank line after headers"], body="Second line."),
    ),
    "tnef_winmail": (
        head() + mixed([TEXT, attachment(TNEF, 'attachment; filename="winmail.dat"', "application/ms-tnef")]),
        expect("contribution", MFA, "Contribution", [("winmail.dat", "application/vnd.ms-tnef", False)]),
    ),
    "mdn_read_receipt": (
        head(subject="Read: Acknowledgement")
        + 'Content-Type: multipart/report; report-type=disposition-notification; boundary="m"\r\n\r\n'
        "--m\r\nContent-Type: text/plain\r\n\r\nYour message was read.\r\n"
        "--m\r\nContent-Type: message/disposition-notification\r\n\r\nFinal-Recipient: rfc822; consultation@mfa.gov.xx\r\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\r\n\r\n--m--\r\n",
        expect("other", MFA, "Read: Acknowledgement", [(None, "message/disposition-notification", False)]),
    ),
}


def main() -> None:
    for name, (message, expected) in CASES.items():
        raw = message if isinstance(message, bytes) else message.encode("utf-8")
        (HERE / f"{name}.eml").write_bytes(raw)
        (HERE / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(CASES)} messages to {HERE}")


if __name__ == "__main__":
    main()
