"""Author phrases versus mere mentions, joint authors, labels, institutional and title lines."""
from __future__ import annotations


def findings(ctx, text, **kwargs):
    return [(finding.how, finding.states, finding.negated) for finding in ctx.analyser.analyse(text, **kwargs)]


def test_author_phrases_in_six_languages(ctx):
    for text, code in [("Contribution from the Republic of Kenya", "KEN"), ("Contribution du Sénégal", "SEN"),
                       ("Contribución de la República Dominicana", "DOM"), ("Вклад Российской Федерации", "RUS"),
                       ("مساهمة المملكة العربية السعودية", "SAU"), ("中华人民共和国提交的文稿", "CHN"),
                       ("Kenya's contribution to the consultation", "KEN")]:
        assert findings(ctx, text)[0] == ("explicit", (code,), False), text


def test_joint_lists_every_co_author_and_stops_at_the_topic(ctx):
    found = findings(ctx, "Joint contribution from Kenya, Uganda and the United Republic of Tanzania "
                          "on the experience of Estonia")
    assert found[0] == ("explicit", ("KEN", "UGA", "TZA"), False)
    assert ("mention", ("EST",), False) in found


def test_mentions_do_not_author(ctx):
    found = findings(ctx, "As Estonia has shown, this works. We thank Switzerland. "
                          "We support the contribution from Brazil.")
    assert ("explicit", ("BRA",), True) in found
    assert all(how == "mention" or negated for how, _, negated in found)


def test_labels_institutions_and_title_lines(ctx):
    assert findings(ctx, "Source: Niger")[0] == ("label", ("NER",), False)
    assert findings(ctx, "Permanent Mission of Kenya to the United Nations Office at Geneva")[0][:2] == \
        ("institution", ("KEN",))
    assert findings(ctx, "REPUBLIC OF KENYA\nOpen consultation", title_block=True)[0][:2] == ("title_line", ("KEN",))
    # A title line only counts in a title block.
    assert findings(ctx, "REPUBLIC OF KENYA", title_block=False)[0][0] == "mention"


def test_negation_is_per_line(ctx):
    text = "relacionadas con Internet\nContribución de la India"
    assert findings(ctx, text)[0] == ("explicit", ("IND",), False)


def test_thanks_to_an_institution_is_a_mention(ctx):
    found = findings(ctx, "We thank the Government of Switzerland.")
    assert found == [("institution", ("CHE",), True)]


def test_author_through_an_institution_name(ctx):
    text = ("On behalf of the Department of Information and Communications Technology (DICT) of the "
            "Republic of the Philippines, we submit the following inputs.")
    assert findings(ctx, text)[0] == ("explicit", ("PHL",), False)
    # ...but not across a sentence end.
    assert findings(ctx, "On behalf of the Ministry. Estonia has shown the way.")[0][0] == "mention"


def test_chinese_title_with_guanyu(ctx):
    assert findings(ctx, "中华人民共和国关于全球网络安全议程的意见")[0] == ("explicit", ("CHN",), False)


def test_short_foreign_local_names_are_not_ordinary_words(ctx):
    """CLDR's Wolof name of India is "End", its Tamazight name of Laos "Laws": a short one-word name
    in a language not the state's own is left out of the index, so ordinary words stay words."""
    assert findings(ctx, "Country of the End User: Italy") == [("mention", ("ITA",), False)]
    assert not any("LAO" in states for _, states, _ in findings(ctx, "Source: Laws and regulations of Malta"))
    # A state's own name in its own language stays: Türkiye in Turkish, Italia in Italian.
    assert findings(ctx, "Katkı: Türkiye")[0][1] == ("TUR",)
    assert findings(ctx, "Contributo dell'Italia")[0][1] == ("ITA",)
