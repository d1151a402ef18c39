"""Sender authentication: only our own server's Authentication-Results count."""
from __future__ import annotations

from mailbot.attribution import attribute
from mailbot.attribution.spoofing import check_sender, parse_results
from tests.attribution.builders import TRUSTED_ID, auth_header, document, message, work_item


def check(parsed, **kwargs):
    options = {"trusted_authserv_id": TRUSTED_ID, "require_authentication": True}
    options.update(kwargs)
    return check_sender(parsed, None, **options)


def test_parse_results():
    authserv, results = parse_results("mx.itu.int; dkim=pass header.d=mfa.gov.ke header.s=s1; spf=fail "
                                      "smtp.mailfrom=x@evil.example; dmarc=fail (p=reject) header.from=mfa.gov.ke")
    assert authserv == "mx.itu.int"
    assert [(method, result) for method, result, _ in results] == [("dkim", "pass"), ("spf", "fail"), ("dmarc", "fail")]
    assert results[0][2]["header.d"] == "mfa.gov.ke"


def test_pass_fail_none_off_invalid():
    passed, _ = message(sender="intl@ca.go.ke", auth="pass")
    failed, _ = message(sender="intl@ca.go.ke", auth="fail")
    missing, _ = message(sender="intl@ca.go.ke", auth=None)
    assert check(passed).status == "pass"
    assert check(failed).status == "fail"
    assert check(missing).status == "none"
    assert check(missing, require_authentication=False).status == "off"
    assert check(passed, trusted_authserv_id=None).status == "none"
    broken, _ = message(sender="a@mfa.gov.xx, b@evil.example", auth=None)
    assert check(broken).status == "invalid"


def test_results_from_other_servers_are_ignored():
    forged = auth_header("ca.go.ke", "pass", authserv="evil.example")
    parsed, _ = message(sender="intl@ca.go.ke", auth=None, headers=[forged])
    assert check(parsed).status == "none"


def test_unaligned_dkim_pass_does_not_count():
    header = ("Authentication-Results", f"{TRUSTED_ID}; dkim=pass header.d=bulkmailer.example")
    parsed, _ = message(sender="intl@ca.go.ke", auth=None, headers=[header])
    assert check(parsed).status == "none"


def test_spoofed_government_sender_is_held_and_not_acknowledged(ctx):
    parsed, extracts = message(sender="minister@ca.go.ke", subject="Contribution", auth="fail",
                               documents=[document("k.docx", "Contribution from the Republic of Kenya")])
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    result = item.attribution
    assert result.states == () and result.needs_review and result.suppress_ack
    assert "authentication failed" in result.suppress_reason
    assert any("KEN" in reason for reason in result.review_reasons)     # the reviewer sees the claim


def test_unauthenticated_sender_evidence_is_not_counted(ctx):
    parsed, extracts = message(sender="consultations@ca.go.ke", subject="Comments", body="See attached.", auth=None)
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    assert item.attribution.states == () and item.attribution.needs_review
    assert any("not counted" in hit.detail for hit in item.trail)
