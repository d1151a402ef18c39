"""Issue 11, class 7: mail that is not a contribution gets no receipt, and explain says why."""
from __future__ import annotations

from dataclasses import replace

import pytest

from mailbot.attribution import attribute, load_context, InMemoryHistory
from mailbot.attribution.signals import reply_prefix
from tests.attribution.builders import document, message, work_item
from tests.attribution.conftest import make_settings


@pytest.fixture(scope="module")
def sctx():
    return load_context(make_settings(), InMemoryHistory())


def run(ctx, *, html: str = "", in_reply_to=None, references=(), **fields):
    parsed, extracts = message(**fields)
    parsed = replace(parsed, body_html=html, in_reply_to=in_reply_to, references=tuple(references))
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    return item


def fired(item) -> list[str]:
    return [hit.rule.split(":", 1)[1] for hit in item.trail if hit.rule.startswith("signal:") and " fires " in hit.detail]


@pytest.mark.parametrize("subject", [
    "RE: Acknowledgement of your contribution", "AW: Empfangsbestätigung", "TR: Accusé de réception",
    "RV: Acuse de recibo de su contribución", "Ответ: Подтверждение получения", "回复：确认收到",
    "رد: إشعار باستلام مساهمتكم", "SV: Acknowledgement of receipt",
])
def test_replies_to_our_acknowledgement_in_many_languages(sctx, subject):
    item = run(sctx, sender="a.mensah@moc.gov.gh", subject=subject, body="Many thanks, well received.")
    assert item.kind == "reply" and item.attribution.suppress_ack
    assert "reply_to_acknowledgement" in fired(item)


def test_reply_recognised_by_receipt_number_or_reference_without_in_reply_to(sctx):
    by_number = run(sctx, sender="desk@mic.gov.vn", subject="Thank you",
                    body="Noted with thanks.\n\n> Your contribution was registered under GCA-2020-0042.")
    assert by_number.kind == "reply"
    by_reference = run(sctx, sender="desk@mic.gov.vn", subject="Our message", body="Thanks.",
                       references=["<ack-17.abc@mailbot.itu.int>"])
    assert by_reference.kind == "reply"
    assert any(hit.rule == "feature:references_us" for hit in by_reference.trail)


def test_reply_that_brings_a_document_stays_a_contribution(sctx):
    doc = document("rev.docx", "Revised contribution from the Republic of Ghana")
    item = run(sctx, sender="a.mensah@moc.gov.gh", subject="RE: Acknowledgement of receipt GCA-2020-0007",
               body="Please find attached the revised version.", documents=[doc])
    assert item.kind == "contribution"


def test_phishing_with_a_lying_link_gets_no_receipt(sctx):
    html = ('<p>Your mailbox will be suspended.</p><a href="http://login.secure-webmail.example/itu">'
            'https://webmail.itu.int</a>')
    item = run(sctx, sender="helpdesk@itu-int.org", subject="Action required: mailbox verification",
               body="Your mailbox will be suspended. Verify your account immediately.", html=html, auth=None)
    assert item.kind == "other" and item.attribution.category == "phishing"
    assert item.attribution.suppress_ack
    details = " ".join(hit.detail for hit in item.trail if hit.rule.startswith("feature:"))
    assert "secure-webmail.example" in details and "itu-int.org" in details


def test_ministry_lookalike_domain_pressing_for_action_is_phishing(sctx):
    item = run(sctx, sender="Ministry of Foreign Affairs <protocol@mofa-gov-ke.com>",
               subject="Urgent: confirm your credentials",
               body="Dear colleague, please confirm your credentials within 24 hours to keep access.",
               auth=None)
    assert item.kind == "other" and item.attribution.suppress_ack


def test_newsletter_without_list_headers_is_spam(sctx):
    item = run(sctx, sender="news@digital-events.example.com", subject="Smart Cities Summit: early bird ends Friday",
               body="Book your seat now with a 20% discount.\nTo unsubscribe, manage your preferences here.")
    assert item.kind == "other" and item.attribution.category == "spam"


@pytest.mark.parametrize("subject, body", [
    ("Question on the deadline", "Dear Sir or Madam,\nCould you please confirm whether the deadline can be "
                                 "extended by two weeks?\nKind regards"),
    ("Format des contributions", "Madame, Monsieur,\nPourriez-vous nous indiquer le format attendu et la "
                                 "longueur maximale ?\nCordialement"),
    ("Consulta sobre el plazo", "Estimados:\n¿Es posible enviar la contribución en formato PDF?\nSaludos"),
    ("Вопрос", "Уважаемые коллеги,\nпросим сообщить, можно ли направить вклад после срока?\nС уважением"),
    ("咨询", "您好，请问提交意见的截止日期是什么时候？"),
])
def test_inquiries_need_a_person_and_get_no_receipt(sctx, subject, body):
    item = run(sctx, sender="officer@mincom.gov.xx", subject=subject, body=body)
    assert item.kind == "other" and item.attribution.category == "inquiry"
    assert item.attribution.needs_review
    assert any("needs an answer" in reason for reason in item.attribution.review_reasons)


def test_a_body_contribution_with_a_question_mark_is_still_a_contribution(sctx):
    body = ("On behalf of the Government of Ghana, we submit the following comments.\n"
            + "Should the guidelines address critical infrastructure? We believe they should, because " * 12)
    item = run(sctx, sender="a.mensah@moc.gov.gh", subject="Comments of Ghana", body=body)
    assert item.kind == "contribution"


def test_contribution_for_another_circular_is_held_without_receipt(sctx):
    doc = document("answers.docx", "Reply to Circular Letter CL-21/33\nQuestionnaire on spectrum fees\nBrazil")
    item = run(sctx, sender="spectrum@anatel.gov.br", subject="Resposta à CL-21/33",
               body="Segue em anexo a resposta.", documents=[doc])
    assert item.kind == "other" and item.attribution.needs_review and item.attribution.suppress_ack
    assert any("another consultation" in reason for reason in item.attribution.review_reasons)


def test_a_contribution_naming_our_circular_is_not_for_another(sctx):
    doc = document("gca.docx", "Contribution from Brazil in reply to CL-19/47 (see also CL-18/02)")
    item = run(sctx, sender="spectrum@anatel.gov.br", subject="CL-19/47: contribution of Brazil",
               body="Please find attached our contribution.", documents=[doc])
    assert item.kind == "contribution"


def test_reply_prefixes():
    assert reply_prefix("Re: x") and reply_prefix("AW: x") and reply_prefix("Ответ: x") and reply_prefix("رد: x")
    assert reply_prefix("Kenya: comments") is None and reply_prefix("Contribution") is None


def test_a_real_government_domain_is_no_lookalike(sctx):
    for sender in ("focal@mfa.gov.ke", "desk@state.gov", "a@bakom.admin.ch", "b@mofa.go.jp"):
        item = run(sctx, sender=sender, subject="Contribution to the GCA guidelines", auth=None,
                   body="Please find attached our contribution.", documents=[document("c.docx", "Comments")])
        assert "phishing" not in fired(item), sender
    lookalike = run(sctx, sender="desk@mfa.gov.ke.secure-docs.com", subject="Document shared with you", auth=None,
                    body="Open the shared document and sign in to view it.")
    assert lookalike.kind == "other" and lookalike.attribution.category == "phishing"
