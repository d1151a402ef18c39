"""Every message renders in the six UN languages; HTML is well formed and carries the text's facts."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from mailbot.consultation import LANGUAGES
from mailbot.correspondence.ack import AckContext, AckFile, names_in, render_ack
from mailbot.correspondence.digest import render_digest
from mailbot.correspondence.render import render
from mailbot.correspondence.ack import consultation_values
from mailbot.errors import TemplateError
from tests.correspondence.conftest import utc
from tests.correspondence.htmlcheck import check_html

HOSTILE = '<script>alert("x")</script> & "quotes"'


def _ack(consultation, lang, *, late=False, states=("KEN", "UGA"), name="Dr. Amina Wanjiru"):
    return AckContext(
        receipt="GCA-2020-0042",
        received_at=utc(2020, 1, 15, 22, 30) if not late else utc(2020, 1, 15, 23, 10),
        sender_name=name,
        subject="Contribution of the Republic of Kenya to CL-19/47",
        files=(
            AckFile("KE-contribution-GCA.docx", 245_678, True, "", "ok"),
            AckFile("annex-scan.pdf", 1_234_567, False, "PDF has no text layer", "image_only"),
        ),
        states=names_in(states, lang),
        late=late,
        consultation=consultation,
    )


def _plain(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("late", [False, True])
def test_ack_in_every_language(consultation, lang, late):
    rendered = render_ack(_ack(consultation, lang, late=late), lang)
    attrs, visible = check_html(rendered.html)
    assert attrs["lang"] == lang and attrs["dir"] == ("rtl" if lang == "ar" else "ltr")
    # the same facts in both versions
    for fact in (
        "GCA-2020-0042",
        "KE-contribution-GCA.docx",
        "annex-scan.pdf",
        consultation.reference,
        consultation.inbox,
    ):
        assert fact in rendered.text and fact in visible, fact
    for state in names_in(("KEN", "UGA"), lang):
        assert state.name in rendered.text and state.name in visible
    # time received in Geneva: 22:30 UTC is 23:30 in Geneva (00:10 on the 16th when late)
    clock = "00:10" if late else "23:30"
    assert clock in rendered.text and clock in visible
    assert consultation.time_label[lang] in rendered.text
    assert "GCA-2020-0042" in rendered.subject
    # the late notice appears exactly when late, and its day is the deadline's
    late_marker = {
        "en": "after the deadline",
        "fr": "après la date limite",
        "es": "después de la fecha límite",
        "ru": "после истечения установленного срока",
        "ar": "بعد انقضاء الموعد النهائي",
        "zh": "之后送达",
    }[lang]
    assert (late_marker in rendered.text) is late and (late_marker in visible) is late
    # nothing left untranslated from another language's template
    if lang != "en":
        assert "acknowledges receipt" not in rendered.text


def test_arabic_is_right_to_left(consultation):
    rendered = render_ack(_ack(consultation, "ar"), "ar")
    assert '<html lang="ar" dir="rtl">' in rendered.html
    assert "إشعار باستلام" in rendered.subject


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_are_in_the_language(consultation, lang):
    text = render_ack(_ack(consultation, lang), lang).text
    month = {
        "en": "January 15, 2020",
        "fr": "15 janvier 2020",
        "es": "15 de enero de 2020",
        "ru": "15 января 2020",
        "ar": "يناير",
        "zh": "2020年1月15日",
    }[lang]
    assert month in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unreadable_files_ask_for_a_readable_copy(consultation, lang):
    readable = render_ack(_ack(consultation, lang), lang)
    context = _ack(consultation, lang)
    fine = AckContext(**{**context.__dict__, "files": (AckFile("ok.docx", 10, True, "", "ok"),)})
    only_fine = render_ack(fine, lang)
    request_start = {
        "en": "Some files could not be read",
        "fr": "Certains fichiers",
        "es": "Algunos archivos",
        "ru": "Некоторые файлы",
        "ar": "تعذّرت قراءة بعض الملفات",
        "zh": "部分文件无法读取",
    }[lang]
    assert request_start in readable.text and request_start not in only_fine.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_state_means_attribution_to_be_confirmed(consultation, lang):
    rendered = render_ack(_ack(consultation, lang, states=()), lang)
    confirm = {
        "en": "will be confirmed",
        "fr": "sera confirmé",
        "es": "confirmará",
        "ru": "будет подтверждено",
        "ar": "ستؤكد",
        "zh": "将由秘书处确认",
    }[lang]
    assert confirm in rendered.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_values_are_escaped_in_html(consultation, lang):
    context = AckContext(
        receipt="GCA-2020-0001",
        received_at=utc(2019, 11, 1, 9, 0),
        sender_name=HOSTILE,
        subject=HOSTILE,
        files=(AckFile(HOSTILE, 1, False, HOSTILE, None),),
        states=(),
        late=False,
        consultation=consultation,
    )
    rendered = render_ack(context, lang)
    assert "<script>" not in rendered.html
    check_html(rendered.html)
    assert "&lt;script&gt;" in rendered.html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reminder_and_milestone_in_every_language(consultation, lang):
    values = consultation_values(consultation, lang)
    reminder = render(
        "states", "reminder", lang, {**values, "state_name": "Kenya", "days_left": 14, "offset": 14}
    )
    attrs, visible = check_html(reminder.html)
    assert attrs["dir"] == ("rtl" if lang == "ar" else "ltr")
    for fact in ("Kenya", consultation.inbox, consultation.reference.replace("-", "\u2011")):
        assert fact in reminder.text and fact in visible
    assert re.search(r"14", reminder.text)
    milestone = consultation.milestone("council")
    notice = render(
        "states",
        "milestone",
        lang,
        {
            **values,
            "milestone": {
                "name": "council",
                "label": milestone.label[lang],
                "date": milestone.date,
                "end_date": milestone.end_date,
                "link": "https://www.itu.int/council?x=1&y=2",
            },
        },
    )
    attrs, visible = check_html(notice.html)
    assert milestone.label[lang] in notice.subject
    assert "https://www.itu.int/council?x=1&y=2" in notice.text
    assert 'href="https://www.itu.int/council?x=1&amp;y=2"' in notice.html
    assert "2020" in notice.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_digest_in_every_language(consultation, register, session, lang):
    register.contribution(
        utc(2020, 1, 14, 9, 0), subject="Kenya input", files=(("ke.docx", 10_000, "ok", "en"),)
    )
    register.contribution(
        utc(2020, 1, 15, 23, 10),
        states=(),
        needs_review=True,
        reasons=["sender unknown"],
        subject="Late input",
        sender="someone@webmail.example",
    )
    rendered = render_digest(
        session,
        consultation.model_copy(update={"digest": consultation.digest.model_copy(update={"language": lang})}),
        utc(2020, 1, 16, 7, 0),
    )
    attrs, visible = check_html(rendered.html)
    assert attrs["lang"] == lang
    for fact in ("GCA-2020-0001", "GCA-2020-0002", "ke.docx", "Kenya input", "sender unknown"):
        assert fact in rendered.text and fact in _plain(visible), fact
    assert "192" in rendered.text  # missing states: 193 less Kenya


def test_missing_variable_is_an_error_not_a_blank(consultation):
    with pytest.raises(TemplateError):
        render("states", "reminder", "en", consultation_values(consultation, "en"))


def test_unknown_language_is_refused(consultation):
    with pytest.raises(TemplateError):
        render_ack(_ack(consultation, "en"), "de")


def test_one_template_per_message_and_format_and_six_catalogs():
    from mailbot.config import DEFAULT_TEMPLATES_DIR

    files = sorted(
        str(path.relative_to(DEFAULT_TEMPLATES_DIR)) for path in DEFAULT_TEMPLATES_DIR.rglob("*") if path.is_file()
    )
    messages = [name for name in files if name.endswith((".txt.j2", ".html.j2")) and "_" not in name[:1] + name.partition("/")[2][:1]]
    assert messages == [
        "secretariat/digest.html.j2", "secretariat/digest.txt.j2",
        "states/ack.html.j2", "states/ack.txt.j2",
        "states/milestone.html.j2", "states/milestone.txt.j2",
        "states/reminder.html.j2", "states/reminder.txt.j2",
        "states/resend_notice.html.j2", "states/resend_notice.txt.j2",
    ]
    catalogs = [name for name in files if name.endswith(".po")]
    assert catalogs == [f"locale/{lang}/LC_MESSAGES/messages.po" for lang in sorted(LANGUAGES)]


def test_received_time_is_geneva_time_not_utc(consultation):
    context = _ack(consultation, "en")
    summer = AckContext(
        **{**context.__dict__, "received_at": datetime(2019, 10, 20, 12, 0, tzinfo=timezone.utc)}
    )
    assert "14:00" in render_ack(summer, "en").text  # CEST, UTC+2


def test_language_details(consultation):
    """The issue's list: French spacing and guillemets, an unbreakable reference, Arabic direction marks,
    a neutral Spanish greeting, a real signature separator, links, localized byte counts, and a late
    acknowledgement that promises nothing it then takes back."""
    def ack(lang, **changes):
        context = _ack(consultation, lang, late=changes.pop("late", False))
        return render_ack(AckContext(**{**context.__dict__, **changes}), lang)

    french = ack("fr")
    assert "Numéro de reçu\u00a0: GCA-2020-0042" in french.text and "«\u00a0Lignes directrices" in french.text
    assert not re.search(r"\w :", french.text.replace(HOSTILE, ""))
    assert "CL\u201119/47" in french.text and "CL\u201119/47" in french.html and "CL-19/47" in french.subject
    arabic = ack("ar").text
    assert all(line.startswith("\u200f") for line in arabic.splitlines() if line.strip() and line != "-- ")
    spanish = ack("es", sender_name="Ministerio de Asuntos Exteriores")
    assert "Estimado/a" not in spanish.text and spanish.text.startswith("A la atención de Ministerio")
    for lang in LANGUAGES:
        rendered = ack(lang, files=(AckFile("tiny.txt", 893, True, "", "ok"),))
        assert "\n-- \n" in rendered.text
        assert '<a href="mailto:contributions@itu.int"' in rendered.html
        assert {"en": "893 bytes", "fr": "893\u00a0octets", "ru": "893 байта", "zh": "893字节"}.get(lang, "893") in rendered.text
    late = ack("en", late=True).text
    assert "will consider whether it can still be reflected" in late and "will be taken into account" not in late
    assert "will be taken into account" in ack("en").text
