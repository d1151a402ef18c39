"""The message builder in compose.py against the EmailMessage composer it replaced (legacy_compose.py):
for the same inputs, both outputs read back the same with the standard library's parser and with
mail-parser (decoded headers, recipients, MIME structure, content types, file names, decoded bodies),
whatever the language, subject, display name, file name or body. The MIME boundaries differ (the
builder derives them from the Message-ID, the old composer drew them at random), so they are the
one thing not compared; and the builder's bytes are the same every time for the same inputs."""

from __future__ import annotations

import base64
import email
import re
import unicodedata
from datetime import datetime, timezone
from email import policy
from email.header import decode_header, make_header
from email.utils import getaddresses

import mailparser
import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from mailbot.config import PROJECT_ROOT, Settings
from mailbot.consultation import load_consultation
from mailbot.correspondence.ack import AckContext, names_in, render_ack
from mailbot.outbox.compose import compose_mail
from mailbot.correspondence.sanitize import header_text
from tests.correspondence.legacy_compose import legacy_compose_mail

SETTINGS = Settings()
CONSULTATION = load_consultation(PROJECT_ROOT / "data" / "consultations" / "gca-2020.toml")
MOMENT = datetime(2020, 1, 12, 8, 30, tzinfo=timezone.utc)
LANGS = ("en", "fr", "es", "ru", "ar", "zh")
SUBJECTS = {
    "en": "Contribution of Kenya to the consultation on the Global Connectivity Agenda",
    "fr": "Contribution de la France : « accès universel » et éducation numérique",
    "es": "Contribución de la República Argentina sobre conectividad rural",
    "ru": "Вклад Российской Федерации в консультацию по глобальной повестке подключения",
    "ar": "مساهمة جمهورية مصر العربية في المشاورة بشأن جدول أعمال التوصيل العالمي",
    "zh": "中华人民共和国对全球连通性议程磋商的贡献",
}
NAMES = [
    "",
    "Ministry of ICT",
    'Jane "JJ" Mwangi, Ministry of ICT',
    "Mwangi, Jane",
    "O'Brien (ICT) <office>",
    "back\\slash; semi: colon",
    "Sébastien Lefèvre-Dubois",
    "Иванов, Пётр Сергеевич",
    "أحمد عبد الرحمن",
    "王小明",
    "Dr. A. B. Smith-Jones Jr. of the Permanent Mission to the United Nations Office at Geneva",
    'Ministère "numérique", Direction générale',
    "x" * 90,
]
FILENAMES = [
    "register.csv",
    "digest 2020-01-12.csv",
    "реестр вкладов.csv",
    "登记册.csv",
    "سجل.csv",
    "é" * 200,
]


def _ack_texts(lang: str, late: bool, files: int):
    context = AckContext(
        receipt="GCA-0042",
        received_at=datetime(2020, 1, 10, 23, 30, tzinfo=timezone.utc),
        sender_name=NAMES[len(lang) + files],
        subject=SUBJECTS[lang],
        files=tuple(
            (f"contribution-{k}.pdf", 1234 * (k + 1) ** 4, k % 2 == 0, "", "encrypted") for k in range(files)
        ),
        states=names_in(["KEN", "FRA"][: files % 3], lang),
        late=late,
        consultation=CONSULTATION,
    )
    return render_ack(context, lang)


TO = [("", "focal@mfa.gov.example")]


def _check(*, exact_names: bool = True, folded: bool = True, **values) -> bytes:
    """Compose with both, compare, check the lines; the builder's bytes."""
    values = {
        "settings": SETTINGS,
        "to": TO,
        "subject": "Re: contribution",
        "text": "body\n",
        "html": "<p>body</p>\n",
        "auto_submitted": "auto-replied",
        "in_reply_to": "<orig@mfa.gov.example>",
        "references": ["<earlier@mfa.gov.example>"],
        "message_id": "<ack-1@mailbot.itu.int>",
        "attachments": (),
        "date": MOMENT,
        **values,
    }
    old, new = legacy_compose_mail(**values), compose_mail(**values)
    assert_same_mail(old, new, subject=values["subject"], to=values["to"], exact_names=exact_names)
    _lines_ok(new, folded)
    return new


def _leaves(message) -> list[tuple]:
    parts = []
    for part in message.walk():
        described = (
            part.get_content_type(),
            part.get_content_charset(),
            part.get_content_disposition(),
            part.get_filename(),
            part.get("Content-Transfer-Encoding"),
        )
        parts.append(described if part.is_multipart() else (*described, part.get_content()))
    return parts


def _params(message) -> dict:
    return {key: value for key, value in message["Content-Type"].params.items() if key != "boundary"}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _decoded(raw_value: str) -> str:
    """RFC 2047 decoding as the RFC has it (the whitespace between two encoded words dropped)."""
    return str(make_header(decode_header(raw_value)))


def assert_same_mail(old: bytes, new: bytes, *, subject: str, to: list, exact_names: bool = True) -> None:
    """`new` reads back as `old` does, in structure and content; its subject and display names read back
    as the sanitized values themselves (where the old composer's folding could lose a space)."""
    before = email.message_from_bytes(old, policy=policy.default)
    after = email.message_from_bytes(new, policy=policy.default)
    assert list(after.keys()) == list(before.keys())
    for name in before.keys():
        if name.lower() == "content-type":
            assert after.get_content_type() == before.get_content_type()
            assert _params(after) == _params(before)
        elif name.lower() == "references":  # the old folding could double a space between two ids
            assert str(after[name]).split() == str(before[name]).split()
        elif name.lower() not in ("subject", "from", "to"):
            assert str(after[name]) == str(before[name]), name
    assert _leaves(after) == _leaves(before)
    assert not after.defects and not any(part.defects for part in after.walk())

    # Subject: the sanitized text, in the standard library's two decoders and in mail-parser's (which
    # NFC-normalizes a subject).
    intended = header_text(subject, limit=250) or "(no subject)"
    raw_headers = email.message_from_bytes(new)  # compat32: values as written
    assert str(after["Subject"]) == intended
    assert _decoded(raw_headers["Subject"]) == intended
    after_mp = mailparser.parse_from_bytes(new)
    assert after_mp.subject == _nfc(intended)

    # From and To: our addresses (the old composer could lose one: it encoded the comma between a
    # non-ASCII name and the next address, and its read-back then refused the mail), names as sanitized.
    wanted = {
        "From": [(header_text(SETTINGS.mail.from_name, 80), SETTINGS.mail.from_address)],
        "To": [(header_text(name, 80), address) for name, address in to],
    }
    for field in ("From", "To"):
        assert [a.addr_spec for a in after[field].addresses] == [address for _, address in wanted[field]]
        assert [(_decoded(name), address) for name, address in getaddresses([raw_headers[field]])] == wanted[
            field
        ]
        names = [a.display_name for a in after[field].addresses]
        if exact_names:
            assert names == [name for name, _ in wanted[field]]
        else:  # the stdlib's address parser keeps the space between encoded words (RFC 2047 drops it)
            assert ["".join(name.split()) for name in names] == ["".join(n.split()) for n, _ in wanted[field]]
    assert after_mp.to == wanted["To"] and after_mp.from_ == wanted["From"]  # names not normalized
    assert not after_mp.defects

    before_mp = mailparser.parse_from_bytes(old)
    for field in ("date", "message_id", "text_plain", "text_html"):
        assert getattr(after_mp, field) == getattr(before_mp, field), field
    assert [_attachment(item) for item in after_mp.attachments] == [
        _attachment(item) for item in before_mp.attachments
    ]


def _attachment(item: dict) -> tuple:
    payload = base64.b64decode(item["payload"]) if item["binary"] else item["payload"]
    return item["filename"], item["mail_content_type"], item["content_transfer_encoding"], payload


def _lines_ok(raw: bytes, folded: bool = True) -> None:
    lines = raw.split(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r") == len(lines) - 1  # CRLF only
    assert max(len(line) for line in lines) <= 998
    if folded:  # every header line within 78 (an ASCII display name is never cut: up to 80 characters)
        assert max(len(line) for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")) <= 78


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("late,files", [(False, 0), (True, 1), (False, 2), (True, 3)])
def test_rendered_acknowledgements_read_back_the_same(lang, late, files):
    rendered = _ack_texts(lang, late, files)
    name = NAMES[(len(lang) * 3 + files) % len(NAMES)]
    _check(
        to=[(name, f"focal{files}@mfa.gov.example")],
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        folded=len(name) <= 60,
    )


@pytest.mark.parametrize("name", NAMES)
def test_display_names_read_back_the_same(name):
    sanitized = header_text(name, 80)
    _check(
        to=[(name, "focal@mfa.gov.example"), ("Second, B", "b@mfa.gov.example")],
        folded=len(name) <= 60,
        # one encoded word: what the stdlib's address parser reads is exact (see the test below)
        exact_names=sanitized.isascii() or len(sanitized.encode()) <= 45,
    )


def test_long_non_ascii_display_names():
    """Cut into encoded words after a space where there is one; none is longer than RFC 2047 allows.
    RFC 2047 decoders (and mail-parser) read the name exactly; the stdlib's address parser keeps the
    whitespace between encoded words, so it reads a doubled space at each cut (the old composer's cuts
    fell anywhere: a space inside a word for it, or a lost space for RFC decoders)."""
    names = [
        "Министерство цифрового развития, связи и массовых коммуникаций Российской Федерации",
        "中华人民共和国工业和信息化部国际合作司" * 4,
    ]
    raw = _check(to=[(name, f"n{k}@mfa.gov.example") for k, name in enumerate(names)], exact_names=False)
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert all(len(word) <= 75 for word in re.findall(r"=\?utf-8\?b\?[^?]*\?=", head))


@pytest.mark.parametrize(
    "subject",
    [
        "(no subject)",
        "",
        "a" * 250,
        "GCA-2020: " + "word " * 80,
        SUBJECTS["zh"] * 10,
        SUBJECTS["ar"] + " " + SUBJECTS["en"] + " " + SUBJECTS["ru"],
        "Re: Fwd: =?utf-8?q?not_decoded?= tab\there",
        "emoji 🎉 and combining e\u0301 and RTL \u05e9\u05dc\u05d5\u05dd",
        "mixed: a – b — c « d »",
    ],
)
def test_subjects_read_back_the_same(subject):
    _check(subject=subject)


@pytest.mark.parametrize("filename", FILENAMES)
def test_attachments_read_back_the_same(filename):
    data = "state,contributions\r\nKEN,3\r\nFRA,1\r\n".encode() * 50
    _check(attachments=[(filename, "text/csv", data), ("second.bin", "application/octet-stream", b"")])


def test_long_reference_chains_and_generated_notices_read_back_the_same():
    chain = [f"<{'r' * (20 + 30 * k)}{k}@mfa.gov.example>" for k in range(12)]
    _check(references=chain, in_reply_to=None, auto_submitted="auto-generated", folded=False)


def test_bodies_read_back_the_same():
    text = "".join(
        [
            "From the Ministry\n.\n..\nTrailing spaces   \nTrailing tab\t\n\ttab first\n",
            "x" * 200 + "\n",
            "é" * 100 + "\r\n",
            "lone CR\rhere\x0bvt\x0cff\n",
            "=3D literal = signs =\n",
            "中文" * 60,
        ]
    )
    _check(text=text, html=f"<pre>{text}</pre>")


def test_the_same_inputs_give_the_same_bytes():
    rendered = _ack_texts("fr", True, 2)
    values = dict(
        settings=SETTINGS,
        to=[("Sébastien", "s@mfa.gov.example")],
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        auto_submitted="auto-replied",
        in_reply_to="<m@x.example>",
        references=["<m@x.example>"],
        message_id="<ack-7@mailbot.itu.int>",
        attachments=[("digest.csv", "text/csv", b"a,b\r\n")],
        date=MOMENT,
    )
    first = compose_mail(**values)
    assert compose_mail(**values) == first
    assert compose_mail(**{**values, "message_id": "<ack-8@mailbot.itu.int>"}) != first


any_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=120
) | st.sampled_from(
    [
        "\r\nBcc: evil@example.org",
        '"quoted", <evil@example.org>',
        "=?utf-8?b?DQpCY2M6?=",
        "\u202eevil",
        "a" * 300,
    ]
)


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=any_text, name=any_text, second=any_text, filename=any_text, text=any_text)
def test_any_input_reads_back_the_same(subject, name, second, filename, text):
    _check(
        subject=subject,
        to=[(name, "focal@mfa.gov.example"), (second, "b.c@x-y.example")],
        text=text,
        html=f"<p>{text}</p>",
        attachments=[(filename, "text/csv", text.encode("utf-8"))],
        exact_names=False,
        folded=False,
    )
