"""Issue 11, classes 8 and 10: staff forwards, provisional answers, OCR-only attributions."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from mailbot.attribution import attribute
from parsers.types import ExtractResult
from tests.attribution.builders import document, message, work_item

RECEIVED = datetime(2020, 1, 17, 8, 0, tzinfo=timezone.utc)   # after the deadline of 15 January


def test_inline_staff_forward_is_the_original_senders_and_dated_by_its_header(ctx):
    quoted = ("-------- Message transféré --------\nDe : Point focal <pf@artp.sn>\n"
              "Date : Tue, 14 Jan 2020 17:42:10 +0000\nObjet : Contribution du Sénégal\n\n"
              "Veuillez trouver ci-joint la contribution de la République du Sénégal.")
    parsed, extracts = message(sender="Jean Dupuis <j.dupuis@itu.int>", subject="TR: Contribution du Sénégal",
                               body=f"Pour enregistrement, reçu dans ma boîte.\n\n{quoted}",
                               documents=[document("sn.docx", "Contribution de la République du Sénégal")])
    item = work_item(parsed, extracts, received_at=RECEIVED)
    attribute(item, ctx)
    result = item.attribution
    assert result.states == ("SEN",) and result.forwarded and result.needs_review
    assert result.original_received_at == datetime(2020, 1, 14, 17, 42, 10, tzinfo=timezone.utc)
    assert any("forwarded by our staff j.dupuis@itu.int" in reason for reason in result.review_reasons)


def test_attached_message_forwarded_by_staff_uses_the_original_senders_domain(ctx):
    inner, inner_extracts = message(sender="Desk <desk@mic.gov.vn>", subject="Góp ý", body="Xin gửi kèm.",
                                    documents=[document("vn.pdf", "Comments on the draft guidelines")], auth=None)
    inner = replace(inner, date=datetime(2020, 1, 12, 3, 0, tzinfo=timezone.utc))
    parsed, extracts = message(sender="m.rossi@itu.int", subject="Fw: Góp ý", body="FYI",
                               forwarded=[(inner, inner_extracts)])
    item = work_item(parsed, extracts, received_at=RECEIVED)
    attribute(item, ctx)
    assert item.attribution.states == ("VNM",) and item.attribution.needs_review
    assert item.attribution.original_received_at == datetime(2020, 1, 12, 3, 0, tzinfo=timezone.utc)


def test_forward_by_an_outsider_is_not_a_staff_forward(ctx):
    quoted = "---------- Forwarded message ---------\nFrom: <pf@artp.sn>\nDate: 10 January 2020 10:00\n\nHello"
    parsed, extracts = message(sender="someone@consultancy.example", subject="Fwd: contribution",
                               body=f"See below.\n\n{quoted}")
    item = work_item(parsed, extracts, received_at=RECEIVED)
    attribute(item, ctx)
    assert item.attribution.original_received_at is None
    assert not any("forwarded by our staff" in reason for reason in item.attribution.review_reasons)


def test_consistent_claim_from_webmail_is_provisional(ctx):
    parsed, extracts = message(sender="delegacion.py@gmail.com", subject="Contribución del Paraguay",
                               body="Adjuntamos nuestros comentarios.",
                               documents=[document("py.docx", "Comentarios sobre el proyecto")])
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    assert item.attribution.states == ("PRY",) and item.attribution.needs_review
    assert any("provisional" in reason for reason in item.attribution.review_reasons)


def test_conflicting_claims_are_not_made_provisional(ctx):
    parsed, extracts = message(sender="someone@gmail.com", subject="Contribution from Chile",
                               body="On behalf of Peru, please find our comments.")
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    assert item.attribution.states == () and item.attribution.needs_review


def test_attribution_resting_on_ocr_alone_is_flagged(ctx):
    attachment, result = document("scan.pdf", "REPUBLIC OF GHANA\nMINISTRY OF COMMUNICATIONS\nComments")
    result = ExtractResult(status="ok", reason="", text=result.text, first_page_text=result.first_page_text, ocr=True)
    parsed, extracts = message(sender="gh.delegate@yahoo.com", subject="Comments", body="Attached.",
                               documents=[(attachment, result)])
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    assert item.attribution.states == ("GHA",) and item.attribution.needs_review
    assert any("OCR" in reason for reason in item.attribution.review_reasons)
