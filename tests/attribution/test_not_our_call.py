"""Mail about something else, with nobody to attribute it to, is not a contribution: no receipt."""
from __future__ import annotations

from mailbot.attribution import attribute
from tests.attribution.builders import document, message, work_item


def attributed(ctx, *, sender, subject, body, doc_text=None, auth=None):
    documents = [document("scan.pdf", doc_text)] if doc_text else []
    parsed, extracts = message(sender=sender, subject=subject, body=body, documents=documents, auth=auth)
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    return item


def test_unrelated_mail_with_a_document_and_no_author_gets_no_receipt(ctx):
    item = attributed(ctx, sender="studio.rossi@webmail.example.it", subject="Dichiarazione del cliente",
                      body="Ciao, in allegato la fattura di marzo. Mi puoi dire se va bene?",
                      doc_text="Fattura n. 118 - Roma, Italia\nImporto: 420 EUR\nPagamento entro 30 giorni")
    assert item.kind == "other"
    assert item.attribution.states == () and item.attribution.suppress_ack and item.attribution.needs_review
    assert any(hit.rule == "signal:not_our_call" and " fires " in hit.detail for hit in item.trail)


def test_a_country_named_in_passing_does_not_make_unrelated_mail_a_contribution(ctx):
    item = attributed(ctx, sender="orders@shipping.example.com", subject="Your parcel",
                      body="Attached is the customs form for your parcel from Italy to France.",
                      doc_text="Customs declaration\nCountry of origin: Italy\nDestination: France")
    assert item.kind == "other" and item.attribution.suppress_ack and item.attribution.states == ()


def test_webmail_contribution_on_our_topic_stays_a_contribution(ctx):
    item = attributed(ctx, sender="focal.point@gmail.com", subject="Comments on the draft guidelines",
                      body="Please find attached our comments.",
                      doc_text="Comments on the Global Cybersecurity Agenda guidelines\nText of the comments.")
    assert item.kind == "contribution"
    assert "not taken as a contribution" not in " ".join(item.attribution.review_reasons)


def test_authenticated_ministry_off_topic_is_left_to_the_other_signals(ctx):
    item = attributed(ctx, sender="intl@ca.go.ke", subject="Contribution from Kenya",
                      body="On behalf of the Government of Kenya, please find our comments attached.",
                      doc_text="Republic of Kenya\nComments", auth="pass")
    assert item.kind == "contribution" and item.attribution.states == ("KEN",)
