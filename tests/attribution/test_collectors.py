"""Each evidence collector on its own."""
from __future__ import annotations

from mailbot.attribution.collectors import view_of
from mailbot.attribution.collectors.body import collect_body
from mailbot.attribution.collectors.display_name import collect_display_name
from mailbot.attribution.collectors.documents import collect_documents
from mailbot.attribution.collectors.reply_to import collect_reply_to
from mailbot.attribution.collectors.sender import collect_sender
from mailbot.attribution.collectors.signature import collect_signature
from mailbot.attribution.collectors.subject import collect_subject
from mailbot.attribution.collectors.view import split_body, split_signature
from tests.attribution.builders import document, message


def kinds(found):
    return [(item.kind, item.states) for item in found if item.kind != "provider"]


def view(**kwargs):
    return view_of(*message(**kwargs))


def test_sender_focal_point_government_cctld_provider(ctx):
    assert ("focal_point", ("KEN",)) in kinds(collect_sender(view(sender="consultations@ca.go.ke"), ctx))
    assert kinds(collect_sender(view(sender="x@mfa.gov.br"), ctx)) == [("gov_domain", ("BRA",))]
    assert kinds(collect_sender(view(sender="x@state.gov"), ctx)) == [("gov_domain", ("USA",))]
    assert kinds(collect_sender(view(sender="x@telecom-company.ke"), ctx)) == [("cctld", ("KEN",))]
    assert kinds(collect_sender(view(sender="mission@gmail.com"), ctx)) == []


def test_mission_on_swiss_provider_is_not_switzerland(ctx):
    for sender in ("mission.kenya@bluewin.ch", "pm@hispeed.ch", "pm@gmx.ch"):
        found = collect_sender(view(sender=sender), ctx)
        assert all(item.weight == 0 for item in found), sender
    unknown_swiss = collect_sender(view(sender="info@some-mission.ch"), ctx)
    assert [(item.kind, item.weight) for item in unknown_swiss] == [("mention", 0.0)]
    assert kinds(collect_sender(view(sender="x@bakom.admin.ch"), ctx)) == [("gov_domain", ("CHE",))]


def test_non_members_and_academia(ctx):
    assert [(i.kind, i.org) for i in collect_sender(view(sender="sg@atu-uat.org"), ctx)] == [("org", "ATU")]
    assert [(i.kind, i.category) for i in collect_sender(view(sender="a@ox.ac.uk"), ctx)] == [("org", "academia")]


def test_reply_to_and_display_name_are_weak(ctx):
    found = collect_reply_to(view(sender="a@gmail.com", reply_to="intl@anatel.gov.br"), ctx)
    assert [(i.kind, i.states, i.weight) for i in found] == [("reply_to", ("BRA",), 0.3)]
    named = collect_display_name(view(sender='"Permanent Mission of Kenya" <pm@gmail.com>'), ctx)
    assert [(i.kind, i.states, i.weight) for i in named] == [("display_name", ("KEN",), 0.3)]


def test_subject_document_body_signature(ctx):
    msg = view(sender="a@gmail.com", subject="Contribution du Sénégal",
               body="Dear colleagues,\nAs Estonia has shown, this works.\n\nBest regards\nJohn\n"
                    "Permanent Mission of Kenya",
               documents=[document("x.pdf", "CWG-Internet\nContribution from the Niger\nWe thank Nigeria.")])
    assert kinds(collect_subject(msg, ctx)) == [("subject_author", ("SEN",))]
    assert ("doc_author", ("NER",)) in kinds(collect_documents(msg, ctx))
    assert ("mention", ("NGA",)) in kinds(collect_documents(msg, ctx))
    assert kinds(collect_body(msg, ctx)) == [("mention", ("EST",))]
    assert kinds(collect_signature(msg, ctx)) == [("signature", ("KEN",))]


def test_quoted_text_is_not_the_authors():
    new, quoted = split_body("Thanks.\n\nOn Mon, 6 Jan 2020, ITU wrote:\n> Contribution from Kenya")
    assert new.strip() == "Thanks." and "Kenya" in quoted
    new, quoted = split_body("FYI\n-----Original Message-----\nFrom: x\nSent: y\nContribution from Kenya")
    assert "Kenya" not in new


def test_signature_split():
    above, signature = split_signature("Text\n\nCordialement,\nAmina\nMission permanente du Sénégal")
    assert above.strip() == "Text" and "Sénégal" in signature
