"""`explain FILE.eml` works without the register."""
from __future__ import annotations

from tests.attribution.conftest import make_settings
from tests.attribution.test_cli import run


def _explain(tmp_path, raw: bytes):
    """`mailbot explain FILE.eml` on this message, with no register."""
    eml = tmp_path / "message.eml"
    eml.write_bytes(raw)

    class NoRegister:
        settings = make_settings()

    result = run(NoRegister(), "explain", str(eml))
    assert result.exit_code == 0, result.output
    return result.output


def test_explain_eml_file(tmp_path):
    output = _explain(tmp_path, b"From: Intl <intl@ca.go.ke>\r\nTo: contributions@itu.int\r\n"
                            b"Subject: Contribution from the Republic of Kenya\r\nMessage-ID: <k@ca.go.ke>\r\n"
                            b"Authentication-Results: mx.itu.int; dmarc=pass header.from=ca.go.ke\r\n"
                            b"Content-Type: text/plain; charset=utf-8\r\n"
                            b"\r\nOn behalf of the Government of Kenya, please find our comments.\r\n")
    assert "states:      KEN" in output
    assert "subject:subject_author" in output and "sender:gov_domain" in output
    assert "rules matched: none; states decided by the built-in evidence" in output


def test_a_rule_that_changes_the_kind_is_named_once(tmp_path):
    """A rule leaves two hits (its match, the kind it set); the summary names it once."""
    output = _explain(tmp_path, b"From: Ministry <desk@mineco.es>\r\nTo: contributions@itu.int\r\n"
                            b"Subject: Contribution to the Council Working Group on Internet\r\nMessage-ID: <c@mineco.es>\r\n"
                            b"Content-Type: text/plain; charset=utf-8\r\n"
                            b"\r\nPlease find attached the contribution of Spain to the Council Working Group on "
                            b"international Internet-related public policy issues.\r\n")
    summary = next(line for line in output.splitlines() if line.startswith("rules matched:"))
    names = summary.split(";")[0].removeprefix("rules matched: ").split(", ")
    assert len(names) == len(set(names)) and names != ["none"], summary
