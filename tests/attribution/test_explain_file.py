"""`explain FILE.eml` works without the register (the MIME parser is stood in for here)."""
from __future__ import annotations

import sys
import types
from email import message_from_bytes, policy

from tests.attribution.builders import addresses
from tests.attribution.conftest import make_settings
from tests.attribution.test_cli import run
from parsers.types import ParsedMessage


def _tiny_parse(raw: bytes) -> ParsedMessage:
    """Just enough of parsers.message.parse_message for a plain-text message."""
    mail = message_from_bytes(raw, policy=policy.default)
    return ParsedMessage(
        message_id=mail["Message-ID"], from_addresses=addresses(str(mail["From"])), from_header=str(mail["From"]),
        reply_to=(), to=(), cc=(), subject=str(mail["Subject"]), date=None, in_reply_to=None, references=(),
        headers=tuple((key, str(value)) for key, value in mail.items()), content_type="text/plain",
        body_text=mail.get_content(), body_html="", attachments=(), forwarded=(), defects=())


def test_explain_eml_file(tmp_path, monkeypatch):
    module = types.ModuleType("parsers.message")
    module.parse_message = _tiny_parse
    monkeypatch.setitem(sys.modules, "parsers.message", module)
    eml = tmp_path / "kenya.eml"
    eml.write_bytes(b"From: Intl <intl@ca.go.ke>\r\nSubject: Contribution from the Republic of Kenya\r\n"
                    b"Message-ID: <k@ca.go.ke>\r\nAuthentication-Results: mx.itu.int; dmarc=pass header.from=ca.go.ke\r\n"
                    b"\r\nOn behalf of the Government of Kenya, please find our comments.\r\n")

    class NoRegister:
        settings = make_settings()

    result = run(NoRegister(), "explain", str(eml))
    assert result.exit_code == 0, result.output
    assert "states:      KEN" in result.output
    assert "subject:subject_author" in result.output and "sender:gov_domain" in result.output
    assert "rules matched: none; states decided by the built-in evidence" in result.output
