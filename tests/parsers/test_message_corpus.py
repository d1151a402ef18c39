"""Every message of the shared real-world corpus parses without an unexpected exception and gets a kind."""
from __future__ import annotations

import pytest

from parsers.errors import ParseError
from mailbot.kinds import KINDS
from mailbot.pipeline.classify import classify
from parsers.message import parse_message
from tests.corpus import corpus_dir, require_corpus

# Kinds for the corpus files whose MANIFEST describes a bounce, an auto-reply, a receipt or a complaint.
EXPECTED_KINDS = {
    "flanker_bounce_broken_mime.eml": "bounce",
    "flanker_bounce_office365.eml": "bounce",
    "mailparser_dsn_mailsite_malformed.eml": "bounce",
    "sisimai_bounce_1und1_german.eml": "bounce",
    "sisimai_bounce_domino.eml": "bounce",
    "sisimai_bounce_exchange2003_crlf.eml": "bounce",
    "sisimai_bounce_exchange2007.eml": "bounce",
    "sisimai_bounce_google_workspace.eml": "bounce",
    "sisimai_autoreply_away.eml": "auto_reply",
    "sisimai_autoreply_multipart.eml": "auto_reply",
    "sisimai_autoreply_outlook_cp1252.eml": "auto_reply",
    "flanker_complaint_aol_arf.eml": "complaint",
    "flanker_disposition_notification.eml": "other",
    "cpython_mailman_digest.eml": "other",
}
# Files with nothing in them: a ParseError is the right answer.
UNREADABLE = {"unstructured_empty.eml"}


def _corpus_files(pattern: str) -> list[str]:
    folder = corpus_dir() / "mime"
    return sorted(str(path.relative_to(folder)) for path in folder.glob(pattern)) if folder.is_dir() else []


@pytest.mark.corpus
@pytest.mark.parametrize("name", _corpus_files("*.eml") or ["<corpus missing>"])
def test_corpus_message_parses_and_is_classified(name):
    folder = require_corpus("mime")
    raw = (folder / name).read_bytes()
    if name in UNREADABLE:
        with pytest.raises(ParseError):
            parse_message(raw)
        return
    parsed = parse_message(raw)
    kind, reason, _ = classify(parsed, our_domain="consult.example.int", loop_header="X-Mailbot-Loop",
                               our_addresses=("consultation@consult.example.int",))
    assert kind in KINDS and reason
    if name in EXPECTED_KINDS:
        assert kind == EXPECTED_KINDS[name], reason


@pytest.mark.corpus
@pytest.mark.parametrize("name", (_corpus_files("*.msg") + _corpus_files("tnef/*")) or ["<corpus missing>"])
def test_corpus_non_rfc822_files_do_not_crash(name):
    folder = require_corpus("mime")
    try:
        parsed = parse_message((folder / name).read_bytes())
    except ParseError:
        return
    assert parsed.defects


def test_expected_kind_table_names_real_files():
    require_corpus("mime")
    assert set(EXPECTED_KINDS) <= set(_corpus_files("*.eml"))
