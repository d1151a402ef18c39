"""The robot corpus: real Postfix and Exim reports, hand-written ones for other families, broken shapes,
and the shared corpus's real bounces, complaints, receipts and auto-replies, each with its expectation."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mailbot.pipeline.classify import ack_allowed, classify
from mailbot.robots import read_robot_mail
from parsers.message import parse_message
from tests.corpus import require_corpus

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
OURS = dict(our_domain="consult.example.int", loop_header="X-Mailbot-Loop",
            our_addresses=("consultation@consult.example.int",))

# The shared corpus (../shared/corpus/mime), read by path: kind and the addresses each report names.
SHARED = {
    "flanker_bounce_broken_mime.eml": ("bounce", ["info@example.net"]),
    "flanker_bounce_office365.eml": ("bounce", ["noname@example.com"]),
    "mailparser_dsn_mailsite_malformed.eml": ("bounce", ["abh@netpar.com.br"]),
    "sisimai_bounce_1und1_german.eml": ("bounce", ["xxxx@xxxx.fr"]),
    "sisimai_bounce_domino.eml": ("bounce", ["kijitora@example.jp"]),
    "sisimai_bounce_exchange2003_crlf.eml": ("bounce", ["kijitora@example.jp"]),
    "sisimai_bounce_exchange2007.eml": ("bounce", ["gwang1@student.mlcsyd.nsw.edu.au"]),
    "sisimai_bounce_google_workspace.eml": ("bounce", ["neko-nyaan-cat-meeting@google-groups.example.com"]),
    "flanker_complaint_aol_arf.eml": ("complaint", []),
    "flanker_disposition_notification.eml": ("other", None),
    "sisimai_autoreply_away.eml": ("auto_reply", None),
    "sisimai_autoreply_multipart.eml": ("auto_reply", None),
    "sisimai_autoreply_outlook_cp1252.eml": ("auto_reply", None),
}


def test_every_corpus_file_has_an_expectation_and_back():
    files = {str(path.relative_to(CORPUS)) for path in CORPUS.glob("*/*.eml")}
    assert files == set(EXPECTED)
    families = {name.split("/")[0] for name in files}
    assert {"postfix", "exim", "exchange", "gmail", "qmail", "yahoo", "broken"} <= families


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_report_is_read_as_expected(name):
    expected = EXPECTED[name]
    parsed = parse_message((CORPUS / name).read_bytes())
    report = read_robot_mail(parsed)
    assert report is not None and report.kind.value == expected["kind"], report
    got = [{"address": r.address, "status": r.status, "action": r.action, "permanent": r.permanent}
           for r in report.recipients]
    assert got == expected["recipients"]
    assert (report.original_message_id or "") == expected["original"]
    kind, reason, _ = classify(parsed, **OURS)
    assert kind == expected["kind"], reason
    assert ack_allowed(parsed, kind)[0] is False


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(SHARED))
def test_shared_corpus_robot_mail(name):
    kind_expected, addresses = SHARED[name]
    parsed = parse_message((require_corpus("mime") / name).read_bytes())
    kind, reason, _ = classify(parsed, **OURS)
    assert kind == kind_expected, reason
    assert ack_allowed(parsed, kind)[0] is False
    report = read_robot_mail(parsed)
    if addresses is None:
        assert report is None
    else:
        assert [r.address for r in report.recipients] == addresses


def test_postfix_families_tell_delay_bounce_and_delivered_apart():
    kinds = {name: entry["kind"] for name, entry in EXPECTED.items() if name.startswith("postfix/")}
    assert kinds["postfix/delay_then_retry.eml"] == "delay"
    assert kinds["postfix/delivered_notice.eml"] == "delivered"
    assert kinds["postfix/unknown_local_user.eml"] == "bounce"
    # The final failure after retries for a full mailbox (4.2.2) is a bounce, but not a permanent one.
    assert EXPECTED["postfix/delay_then_retry_2.eml"]["recipients"][0]["permanent"] is False
