"""Issue 11, classes 5 and 6: joint contributions and groups of states."""
from __future__ import annotations

import pytest

from mailbot.attribution import attribute
from tests.attribution.builders import document, message, work_item


def attributed(ctx, sender, title, body="Please find attached."):
    parsed, extracts = message(sender=sender, subject="Contribution", body=body,
                               documents=[document("c.docx", f"{title}\nText of the document.")])
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    return item.attribution


@pytest.mark.parametrize("title, states", [
    ("Joint contribution from Ghana, Togo and Benin", {"GHA", "TGO", "BEN"}),
    ("Contribution conjointe du Burkina Faso, du Niger et du Tchad", {"BFA", "NER", "TCD"}),
    ("Contribución conjunta de Bolivia, el Ecuador y el Perú", {"BOL", "ECU", "PER"}),
    ("Совместный вклад Армении, Кыргызстана и Таджикистана", {"ARM", "KGZ", "TJK"}),
    ("مساهمة مشتركة من الأردن ولبنان وتونس", {"JOR", "LBN", "TUN"}),
    ("蒙古、老挝和柬埔寨的联合文稿", {"MNG", "LAO", "KHM"}),
    ("Contribuição conjunta de Angola, Guiné-Bissau e São Tomé e Príncipe", {"AGO", "GNB", "STP"}),
])
def test_joint_contributions_of_three_in_seven_languages(ctx, title, states):
    result = attributed(ctx, "x@gmail.com", title)
    assert set(result.states) == states
    assert not any("conflicting" in reason for reason in result.review_reasons)


def test_one_state_on_behalf_of_listed_states_and_more_than_three_needs_review(ctx):
    result = attributed(ctx, "x@gmail.com", "Source: Fiji, on behalf of the following Member States: "
                                            "Fiji, Samoa, Tonga and Vanuatu")
    assert set(result.states) == {"FJI", "WSM", "TON", "VUT"} and result.needs_review
    assert any("joint contribution of 4 states" in reason for reason in result.review_reasons)


def test_regional_organisation_with_its_co_signing_administrations(ctx):
    result = attributed(ctx, "sg@apt.int", "Asia-Pacific Telecommunity\nCommon proposal\n"
                                           "Co-signed by the administrations of: Bhutan; Nepal; Sri Lanka")
    assert set(result.states) == {"BTN", "NPL", "LKA"} and result.needs_review and not result.suppress_ack


def test_regional_organisation_without_a_list_is_no_state(ctx):
    result = attributed(ctx, "secretariat@cept.org", "CEPT contribution to the consultation")
    assert result.states == () and result.needs_review and not result.suppress_ack


@pytest.mark.parametrize("title, states", [
    # French and Spanish: "joint/common" words, plural institutions, "presented jointly by", verbs after.
    ("Contribution commune du Mali et du Sénégal", {"MLI", "SEN"}),
    ("Document conjoint des gouvernements du Bénin et du Niger", {"BEN", "NER"}),
    ("Proposition présentée conjointement par le Gabon et le Cameroun", {"GAB", "CMR"}),
    ("Le Togo et le Ghana soumettent conjointement les commentaires suivants", {"TGO", "GHA"}),
    ("Aporte conjunto de Chile y el Paraguay", {"CHL", "PRY"}),
    ("Propuesta conjunta de los Gobiernos de Bolivia y del Ecuador", {"BOL", "ECU"}),
    ("Contribución presentada conjuntamente por Honduras y Guatemala", {"HND", "GTM"}),
    ("Panamá y Costa Rica presentan conjuntamente estas observaciones", {"PAN", "CRI"}),
    # Chinese: "jointly" (联合, 共同) and long forms between the co-authors and "submitted document".
    ("越南和老挝共同提交的文稿", {"VNM", "LAO"}),
    ("伊朗伊斯兰共和国和阿曼联合提交的意见", {"IRN", "OMN"}),
    ("泰国与柬埔寨的联合意见", {"THA", "KHM"}),
])
def test_joint_contributions_of_two_in_french_spanish_and_chinese_word_order(ctx, title, states):
    result = attributed(ctx, "x@gmail.com", title)
    assert set(result.states) == states, result.review_reasons
    assert not any("conflicting" in reason for reason in result.review_reasons)
