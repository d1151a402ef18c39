"""`explain FILE.eml` works without the register."""
from __future__ import annotations

from tests.attribution.conftest import make_settings
from tests.attribution.test_cli import run


def test_explain_eml_file(tmp_path):
    eml = tmp_path / "kenya.eml"
    eml.write_bytes(b"From: Intl <intl@ca.go.ke>\r\nTo: contributions@itu.int\r\n"
                    b"Subject: Contribution from the Republic of Kenya\r\nMessage-ID: <k@ca.go.ke>\r\n"
                    b"Authentication-Results: mx.itu.int; dmarc=pass header.from=ca.go.ke\r\n"
                    b"Content-Type: text/plain; charset=utf-8\r\n"
                    b"\r\nOn behalf of the Government of Kenya, please find our comments.\r\n")

    class NoRegister:
        settings = make_settings()

    result = run(NoRegister(), "explain", str(eml))
    assert result.exit_code == 0, result.output
    assert "states:      KEN" in result.output
    assert "subject:subject_author" in result.output and "sender:gov_domain" in result.output
    assert "rules matched: none; states decided by the built-in evidence" in result.output
