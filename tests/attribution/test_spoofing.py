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
    # Provisional (issue 11, class 10): the content's state for the reviewer, and no receipt.
    assert result.states == ("KEN",) and result.needs_review and result.suppress_ack
    assert "authentication failed" in result.suppress_reason
    assert any("KEN" in reason for reason in result.review_reasons)     # the reviewer sees the claim


def test_unauthenticated_sender_evidence_is_not_counted(ctx):
    parsed, extracts = message(sender="consultations@ca.go.ke", subject="Comments", body="See attached.", auth=None)
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    assert item.attribution.states == () and item.attribution.needs_review
    assert any("not counted" in hit.detail for hit in item.trail)


def test_spf_only_aligned_pass_with_no_dmarc_policy_is_authenticated():
    """RFC 7489 3.1: SPF's smtp.mailfrom under the same organizational domain as From is aligned."""
    header = ("Authentication-Results", f"{TRUSTED_ID} (Postfix);\r\n\tspf=pass (sender IP is 192.0.2.7) "
              "smtp.mailfrom=bounces.mic.gov.bd;\r\n\tdkim=none (no signature);\r\n\tdmarc=none "
              "(p=none dis=none) header.from=mic.gov.bd")
    parsed, _ = message(sender="dg@mic.gov.bd", auth=None, headers=[header])
    result = check(parsed)
    assert result.status == "pass"
    assert "spf=pass (bounces.mic.gov.bd)" in result.detail and "dmarc=none" in result.detail


def test_dkim_pass_of_a_sibling_subdomain_is_aligned_but_another_organisation_is_not():
    sibling = ("Authentication-Results", f"{TRUSTED_ID}; dkim=pass header.d=mail.mofa.go.jp header.s=s1")
    parsed, _ = message(sender="un@mofa.go.jp", auth=None, headers=[sibling])
    assert check(parsed).status == "pass"
    # go.jp is a public suffix: another ministry under it is another organization.
    other = ("Authentication-Results", f"{TRUSTED_ID}; dkim=pass header.d=soumu.go.jp")
    parsed, _ = message(sender="un@mofa.go.jp", auth=None, headers=[other])
    assert check(parsed).status == "none"


def test_every_trusted_result_is_read_and_dmarc_fail_wins():
    spf = ("Authentication-Results", f"{TRUSTED_ID}; spf=pass smtp.mailfrom=mfa.gov.xx")
    dmarc = ("Authentication-Results", f"{TRUSTED_ID}; dmarc=fail (p=reject) header.from=mfa.gov.xx")
    parsed, _ = message(sender="a@mfa.gov.xx", auth=None, headers=[spf, dmarc])
    assert check(parsed).status == "fail"
    dkim_fail_spf_pass = ("Authentication-Results", f"{TRUSTED_ID}; dkim=fail header.d=mfa.gov.xx; "
                          "spf=pass smtp.mailfrom=mfa.gov.xx; dmarc=pass header.from=mfa.gov.xx")
    parsed, _ = message(sender="a@mfa.gov.xx", auth=None, headers=[dkim_fail_spf_pass])
    assert check(parsed).status == "pass"


def test_a_malformed_header_is_read_leniently_not_fatally():
    header = ("Authentication-Results", f"{TRUSTED_ID}; ;; spf=pass smtp.mailfrom=mfa.gov.xx ;=")
    parsed, _ = message(sender="a@mfa.gov.xx", auth=None, headers=[header])
    assert check(parsed).status == "pass"
