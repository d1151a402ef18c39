"""An authenticated ccTLD sender that says who it is, and regional organisations at a domain like ours."""
from __future__ import annotations

from mailbot.attribution import attribute
from tests.attribution.builders import document, message, work_item


def attributed(ctx, *, sender, subject, body, doc_text=None, auth="pass"):
    documents = [document("contribution.docx", doc_text)] if doc_text else []
    parsed, extracts = message(sender=sender, subject=subject, body=body, documents=documents, auth=auth)
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    return item


def test_authenticated_cctld_sender_whose_body_states_its_state_is_confident(ctx):
    item = attributed(ctx, sender="contacto@regulador.example.bo", subject="CL-19/47 GCA guidelines: contribution",
                      body="Please find attached our contribution.\n\nEl Estado Plurinacional de Bolivia "
                           "agradece la invitación de la UIT.",
                      doc_text="Contribution\nGuidelines for utilization of the Global Cybersecurity Agenda")
    assert item.attribution.states == ("BOL",)
    assert not item.attribution.needs_review, item.attribution.review_reasons
    assert any(hit.rule == "sender:consistent_mention" for hit in item.trail)


def test_the_same_words_from_an_unauthenticated_sender_stay_for_review(ctx):
    item = attributed(ctx, sender="contacto@regulador.example.bo", subject="CL-19/47 GCA guidelines: contribution",
                      body="El Estado Plurinacional de Bolivia agradece la invitación de la UIT.", auth=None)
    assert item.attribution.needs_review


def test_a_regional_organisation_at_a_domain_one_letter_from_ours_is_no_lookalike(ctx):
    item = attributed(ctx, sender="Caribbean Telecommunications Union <secretariat@ctu.int>",
                      subject="CL-19/47 – Submission of the CTU",
                      body="Please find attached the contribution of the Caribbean Telecommunications Union.",
                      doc_text="Contribution of the CTU\nco-signed by Jamaica, Guyana and Barbados\nGCA guidelines")
    assert not any(hit.rule == "feature:lookalike_domain" for hit in item.trail)
    assert item.attribution.category == "regional_org" and item.attribution.needs_review
    assert set(item.attribution.states) == {"JAM", "GUY", "BRB"}


def test_a_reference_broken_over_two_pdf_lines_is_not_another_circular():
    from mailbot.attribution.signals import Message, Ours, other_reference

    wrapped = Message(subject="GCA guidelines consultation", new_text="Kindly receive our submission.", quoted="",
                      html="", documents=("Contribution to the consultation on the GCA guidelines (CL-19/\n"
                                          "1. Legal measures: the act was revised in 2019.",),
                      sender_domain="mic.gov.to", message_ids=(), has_document=True, authenticated=True)
    ours = Ours(reference="CL-19/47")
    assert other_reference(wrapped, ours) is None
    other = Message(subject="Reply to CL-20/12", new_text="", quoted="", html="", documents=(),
                    sender_domain="mic.gov.to", message_ids=(), has_document=True, authenticated=True)
    assert other_reference(other, ours).name == "other_reference"


def test_event_words_in_the_singular_and_in_other_languages():
    from mailbot.attribution.signal_phrases import EVENT_WORDS
    from mailbot.attribution.signals import _find

    for subject in ("Inscripción al Foro regional 2020", "Nomination for the Cyber Drill", "Вклад для 2-й Исследовательской комиссии"):
        assert _find(EVENT_WORDS, subject), subject
    assert _find(EVENT_WORDS, "Contribution of Kenya to the draft guidelines") is None
