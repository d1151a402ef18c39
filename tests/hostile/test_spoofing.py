"""Guide cases 30-32: spoofed and forwarded senders, through the whole pipeline against Dovecot."""
from __future__ import annotations

import pytest

from tests.hostile import messages

pytestmark = pytest.mark.servers


def test_case_30_failed_authentication_on_our_server_means_no_attribution_and_no_ack(hostile, case):
    record, _ = case("case30-dmarc-fail")
    assert record["states"] == []
    assert record["needs_review"]
    assert any("authentic" in reason for reason in record["review_reasons"]), record["review_reasons"]
    hostile.assert_not_acknowledged(messages.mid("case30-dmarc-fail"), record)


def test_case_30_authentication_results_of_other_servers_are_ignored(hostile, case):
    record, row = case("case30-foreign-ar")
    assert record["states"] == []                    # a "pass" from mx.evil.example proves nothing
    assert record["needs_review"]
    trail = " ".join(hit["detail"] for hit in row["trail"] if hit["stage"] == "attribute")
    assert "mx.evil.example" not in trail or "ignored" in trail or "not" in trail


def test_case_31_ministry_display_name_on_webmail_is_never_enough(hostile, case):
    record, _ = case("case31-webmail")
    assert record["kind"] == "contribution"
    assert record["states"] == [] or record["needs_review"]
    assert record["needs_review"], record["review_reasons"]


def test_case_32_forwarded_ministry_mail_attributed_from_content_acknowledged_to_forwarder(hostile, case):
    record, row = case("case32-forwarded")
    assert record["kind"] == "contribution"
    assert row["forwarded"], row["review_reasons"]
    assert record["states"] == ["KEN"], record
    reply = hostile.assert_acknowledged_once(messages.mid("case32-forwarded"), record)
    assert list(reply.rcpt_tos) == ["staff.member@itu.int"]
