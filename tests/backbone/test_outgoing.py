"""One outgoing path: forwards carry the original unchanged (DKIM still verifies), `preview ack` is the
queued acknowledgement, and the digest reports what the outbox really sent."""
from __future__ import annotations

import base64
import email
import re
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from types import SimpleNamespace

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlmodel import select
from typer.testing import CliRunner

from mailbot.outbox.deliver import deliver_due
from mailbot.outbox.forward import forward_mail
from mailbot.outbox.mail import compose, message_id_for
from mailbot.store.models import Outbox
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime
from tests.builders import message

NOW = datetime(2020, 1, 10, 10, 0, tzinfo=timezone.utc)


def _signed_original() -> tuple[bytes, bytes]:
    """A contribution signed by its sender's domain (CRLF, as it arrives over IMAP), and the public key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.DER,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    mail = EmailMessage(policy=policy.SMTP)
    mail["From"] = "Délégation permanente <mission@mfa.gov.ke>"
    mail["To"] = "contributions@itu.int"
    mail["Subject"] = "Contribution du Kenya – lignes directrices du GCA, version révisée et définitive"
    mail["Date"] = "Fri, 10 Jan 2020 10:00:00 +0300"
    mail["Message-ID"] = "<signed-1@mfa.gov.ke>"
    mail.set_content("Veuillez trouver ci-joint notre contribution.")
    mail.add_attachment(b"PK\x03\x04 not really a docx", maintype="application",
                        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                        filename="Contribution_Kényа_révisée.docx")
    raw = mail.as_bytes()
    signature = dkim.sign(raw, b"sel", b"mfa.gov.ke", private,
                          include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    return signature + raw, base64.b64encode(public)


def _attached_part(raw: bytes) -> tuple[str, bytes]:
    """The attachment's Content-Type and its body bytes, cut straight from the composed bytes."""
    boundary = email.message_from_bytes(raw, policy=policy.default).get_boundary().encode()
    parts = raw.split(b"\r\n--" + boundary)
    head, _, body = parts[-2].partition(b"\r\n\r\n")
    content_type = re.search(rb"Content-Type: ([^\r;]+)", head).group(1).decode()
    return content_type, body


def _forward(raw: bytes, settings) -> bytes:
    message = SimpleNamespace(id=7, raw_sha256="ab" * 32, reference="GCA-2020-0007", subject="Contribution",
                              from_header="mission@mfa.gov.ke", from_address="mission@mfa.gov.ke")
    return compose(forward_mail(message, raw, ["rule:arabic-section"], "arabic@itu.int"), settings, NOW)


def test_a_forward_attaches_the_original_byte_for_byte_and_its_dkim_signature_verifies(tmp_path):
    signed, public = _signed_original()
    dns = {b"sel._domainkey.mfa.gov.ke.": b"v=DKIM1; k=rsa; p=" + public}
    assert dkim.verify(signed, dnsfunc=lambda name, timeout=5: dns.get(name))
    forwarded = _forward(signed, make_runtime(tmp_path).settings)
    content_type, attached = _attached_part(forwarded)
    assert content_type == "message/rfc822"
    assert attached == signed
    assert dkim.verify(attached, dnsfunc=lambda name, timeout=5: dns.get(name))
    # a mail reader sees the original's own headers, Word part and file name as sent
    inner = email.message_from_bytes(forwarded, policy=policy.default)
    (part,) = list(inner.iter_attachments())
    original = part.get_content()
    assert original["Subject"].startswith("Contribution du Kenya")
    assert next(original.iter_attachments()).get_filename() == "Contribution_Kényа_révisée.docx"


def test_an_original_that_cannot_travel_verbatim_is_attached_as_a_file_with_the_same_bytes(tmp_path):
    settings = make_runtime(tmp_path).settings
    for original in (("From: a@b.example\nSubject: Вклад\n\n" + "текст " * 400 + "\n").encode(),   # 8-bit, long
                     b"From: a@b.example\nSubject: bare LF line ends\n\nhello\n"):
        forwarded = _forward(original, settings)
        part = next(email.message_from_bytes(forwarded, policy=policy.default).iter_attachments())
        assert part.get_content_type() == "application/octet-stream"
        assert part.get_payload(decode=True) == original
        assert max(len(line) for line in forwarded.split(b"\r\n")) <= 998


def test_the_message_id_comes_from_the_outbox_key_so_a_resend_is_identical(tmp_path):
    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1)]))
    with runtime.session() as session:
        (row,) = session.exec(select(Outbox)).all()
    assert row.message_id == message_id_for(runtime.settings, row.key)
    assert f"Message-ID: {row.message_id}".encode() in row.raw


def _without_date(raw: bytes) -> bytes:
    return re.sub(rb"\r\nDate: [^\r]*", b"\r\nDate: -", raw)


def test_preview_ack_is_the_queued_acknowledgement_byte_for_byte(tmp_path, monkeypatch):
    from mailbot.cli import _register_all, app

    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1), _out_of_office()]))
    with runtime.session() as session:
        (queued,) = session.exec(select(Outbox)).all()
    monkeypatch.setenv("MAILBOT_STATE_DIR", str(tmp_path / "state"))
    _register_all()
    runner = CliRunner()
    result = runner.invoke(app, ["preview", "ack", "1", "--out", str(tmp_path / "preview")])
    assert result.exit_code == 0, result.output
    (eml,) = (tmp_path / "preview").glob("ack-1.*.eml")
    assert _without_date(eml.read_bytes()) == _without_date(queued.raw)
    other = runner.invoke(app, ["preview", "ack", "2", "--out", str(tmp_path / "preview")])
    assert other.exit_code == 0 and other.output.startswith("no acknowledgement: auto reply"), other.output
    assert "GCA-2020" not in other.output


def _out_of_office() -> bytes:
    return message(sender="Someone <away@mfa.gov.ke>", subject="Automatic reply: out of office",
                   message_id="<ooo-1@mfa.gov.ke>", headers={"Auto-Submitted": "auto-replied"},
                   body="I am out of the office until 20 January.")


def _digest_text(runtime) -> str:
    with runtime.session() as session:
        row = session.exec(select(Outbox).where(Outbox.purpose == "digest")).one()
    return email.message_from_bytes(row.raw, policy=policy.default).get_body(("plain",)).get_content()


def test_the_digest_reports_what_the_outbox_really_sent(tmp_path):
    from mailbot.correspondence.jobs import run_digest

    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(n) for n in range(3)] + [_out_of_office()]))
    assert run_digest(runtime, runtime.clock.now(), flush=lambda: deliver_due(runtime))
    text = _digest_text(runtime)
    assert "Acknowledgements: sent 3, pending 0, failed 0" in text
    contributions, others = text.split("== New contributions (3) ==")[1].split("== Other mail received (1) ==")
    assert contributions.count("GCA-2020-000") == 3 and "away@mfa.gov.ke" not in contributions
    assert "automatic reply | away@mfa.gov.ke" in others


def test_without_the_flush_the_digest_would_have_counted_them_pending(tmp_path):
    from mailbot.correspondence.jobs import run_digest

    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(n) for n in range(3)]))
    run_digest(runtime, runtime.clock.now())
    assert "Acknowledgements: sent 0, pending 3, failed 0" in _digest_text(runtime)
