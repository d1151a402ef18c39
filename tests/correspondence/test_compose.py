"""Outgoing MIME: safety headers, and no inbound value can inject a header or a recipient (CVE-2024-6923)."""

from __future__ import annotations

import email
from email import policy

import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from mailbot.config import Settings
from mailbot.outbox.compose import compose_mail
from mailbot.errors import PermanentDeliveryError

SETTINGS = Settings()
EXPECTED_HEADERS = {
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "auto-submitted",
    "x-auto-response-suppress",
    "x-mailbot-loop",
    "mime-version",
    "content-type",
}


def _compose(subject="Re: contribution", name="Ministry", filename="register.csv", **extra):
    values = dict(
        settings=SETTINGS,
        to=[(name, "focal@mfa.gov.example")],
        subject=subject,
        text="body",
        html="<p>body</p>",
        auto_submitted="auto-replied",
        in_reply_to="<orig@mfa.gov.example>",
        references=["<earlier@mfa.gov.example>"],
        message_id="<abc@mailbot.itu.int>",
        attachments=[(filename, "text/csv", b"a,b\r\n")],
    )
    values.update(extra)
    return compose_mail(**values)


def _header_block(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


def test_safety_headers_are_all_there():
    parsed = email.message_from_bytes(_compose(), policy=policy.default)
    assert parsed["Auto-Submitted"] == "auto-replied"
    assert parsed["X-Auto-Response-Suppress"] == "All"
    assert parsed["X-Mailbot-Loop"] == "mailbot.itu.int"
    assert parsed["Message-ID"] == "<abc@mailbot.itu.int>"
    assert parsed["In-Reply-To"] == "<orig@mfa.gov.example>"
    assert parsed["References"] == "<earlier@mfa.gov.example> <orig@mfa.gov.example>"
    assert parsed["From"].addresses[0].addr_spec == "contributions@itu.int"
    assert parsed["Date"] is not None


def test_a_text_only_message_is_one_readable_part():
    raw = _compose(html=None, attachments=[], text="Ответ: спасибо")
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed.get_content_type() == "text/plain" and not parsed.is_multipart()
    assert parsed.get_content().strip() == "Ответ: спасибо"


def test_generated_notices_say_auto_generated():
    parsed = email.message_from_bytes(_compose(auto_submitted="auto-generated"), policy=policy.default)
    assert parsed["Auto-Submitted"] == "auto-generated"


@pytest.mark.parametrize(
    "subject",
    [
        "Contribution\r\nBcc: attacker@evil.example",
        "Contribution\nTo: attacker@evil.example",
        "Contribution\rCc: attacker@evil.example",
        "Contribution\u2028Bcc: attacker@evil.example",
        "Contribution\x85Bcc: attacker@evil.example",
        "=?utf-8?q?x=0D=0ABcc:_attacker@evil.example?=",
    ],
)
def test_subject_injection_attempts(subject):
    raw = _compose(subject=subject)
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["Cc"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["focal@mfa.gov.example"]
    assert "attacker@evil.example" in parsed["Subject"]  # kept as text, on one line
    assert b"\r\nBcc:" not in raw and b"\r\nTo: attacker" not in raw


@pytest.mark.parametrize(
    "name",
    [
        "Evil\r\nBcc: attacker@evil.example",
        'a"b <attacker@evil.example>, c',
        "Ministère\nX-Injected: 1",
    ],
)
def test_display_name_injection_attempts(name):
    parsed = email.message_from_bytes(_compose(name=name), policy=policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["focal@mfa.gov.example"]
    assert parsed["X-Injected"] is None and parsed["Bcc"] is None


@pytest.mark.parametrize(
    "address",
    [
        "a@b.example\r\nBcc: c@d.example",
        "a@b.example, c@d.example",
        "<a@b.example>",
        "a b@c.example",
        "",
        "a@b@c.example",
    ],
)
def test_recipient_addresses_must_be_plain(address):
    with pytest.raises(PermanentDeliveryError):
        _compose(to=[address])


def test_malformed_message_ids_from_inbound_are_dropped():
    parsed = email.message_from_bytes(
        _compose(in_reply_to="<x@y>\r\nBcc: a@b.example", references=["junk", "<ok@y>"]),
        policy=policy.default,
    )
    assert parsed["In-Reply-To"] is None
    assert parsed["References"] == "<ok@y>"


def test_our_message_id_must_be_well_formed():
    with pytest.raises(ValueError):
        _compose(message_id="no-brackets@mailbot.itu.int")


hostile_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    [
        "\r\nBcc: evil@example.org",
        "x\nTo: evil@example.org",
        "=?utf-8?b?DQpCY2M6IGV2aWxAZXhhbXBsZS5vcmc=?=",
        '"quoted" <evil@example.org>',
        "\x00\x1b[31m",
        "\u202eevil",
        "a" * 2000,
    ]
)


@hyp_settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=hostile_text, name=hostile_text, filename=hostile_text)
def test_any_subject_name_or_filename_keeps_exactly_the_intended_headers(subject, name, filename):
    raw = _compose(subject=subject, name=name, filename=filename)
    for line in _header_block(raw):
        assert line[:1] in (b" ", b"\t") or line.split(b":", 1)[0].decode("ascii").lower() in EXPECTED_HEADERS
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert {key.lower() for key in parsed.keys()} == EXPECTED_HEADERS
    assert [a.addr_spec for a in parsed["To"].addresses] == ["focal@mfa.gov.example"]
    assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
    attachments = list(parsed.iter_attachments())
    assert len(attachments) == 1 and attachments[0].get_content() in (b"a,b\r\n", "a,b\r\n")
    assert "\n" not in (attachments[0].get_filename() or "")
