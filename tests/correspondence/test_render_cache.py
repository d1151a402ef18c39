"""An acknowledgement filled into a cached render is byte for byte the one rendered fresh."""
from __future__ import annotations

from dataclasses import replace

import pytest

from mailbot.consultation import LANGUAGES
from mailbot.correspondence import render_cache
from mailbot.correspondence.ack import ACK_SLOTS, AckContext, AckFile, ack_event, consultation_values, names_in, render_ack
from mailbot.correspondence.render import render
from tests.correspondence.conftest import utc

NAMES = ["Dr. Amina Wanjiru", "", "Jean-Pierre O'Brien & <Partners>", "Сергей Иванов", "محمد بن سلمان",
         '<script>alert("x")</script>', "李伟", "x" * 300]
SUBJECTS = ["Contribution of the Republic of Kenya to CL-19/47", "", "Re: <b>bold</b> & {{ 7*7 }} %(receipt)s",
            "مساهمة المملكة", "Fwd: 50% – done"]
FILES = [(), (AckFile("KE-contribution.docx", 245_678, True, "", "ok"),),
         (AckFile("<img src=x>.pdf", 12, False, "PDF has no text layer", "image_only"),)]


def _fresh(context: AckContext, lang: str):
    """What render_ack gave before the cache: the templates rendered with every value."""
    values = {**consultation_values(context.consultation, lang), "receipt": context.receipt,
              "received_at": context.received_at, "sender_name": context.sender_name,
              "original_subject": context.subject, "files": [vars(item) for item in context.files],
              "states": [vars(item) for item in context.states], "late": ack_event(context) == "late_ack"}
    return render("states", ack_event(context), lang, values)


def _contexts(consultation, lang):
    number = 0
    for files in FILES:
        for states in ((), ("KEN",), ("KEN", "UGA")):
            for name in NAMES:
                for subject in SUBJECTS:
                    number += 1
                    yield AckContext(receipt=f"GCA-2020-{number:04d}", received_at=utc(2020, 1, 1 + number % 28,
                                                                                         number % 24, number % 60),
                                     sender_name=name, subject=subject, files=files, states=names_in(states, lang),
                                     late=number % 3 == 0, consultation=consultation)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filled_equals_fresh_in_every_language(consultation, lang):
    render_cache.clear()
    before = dict(render_cache.stats)
    for context in _contexts(consultation, lang):
        assert render_ack(context, lang) == _fresh(context, lang), (lang, context.sender_name, context.subject)
    filled = render_cache.stats["filled"] - before["filled"]
    assert filled > 0.6 * len(list(_contexts(consultation, lang)))     # the cache does serve


def test_values_the_probes_do_not_cover_are_rendered_fresh(consultation):
    render_cache.clear()
    context = next(_contexts(consultation, "en"))
    render_ack(context, "en")
    render_ack(context, "en")
    for awkward in (" leading space", "two\nlines", "tab\there", "token \ue000 0 \ue001"):
        odd = replace(context, sender_name=awkward, subject=awkward)
        before = render_cache.stats["fresh"]
        assert render_ack(odd, "en") == _fresh(odd, "en")
        assert render_cache.stats["fresh"] == before + 1


def _probe_templates(tmp_path, text: str, html: str):
    """A copy of the shipped templates with a `states/probe` event of this text and HTML; the cache emptied."""
    import shutil

    from mailbot.config import DEFAULT_TEMPLATES_DIR

    templates = tmp_path / "templates"
    shutil.copytree(DEFAULT_TEMPLATES_DIR, templates)
    (templates / "states" / "probe.txt.j2").write_text(text)
    (templates / "states" / "probe.html.j2").write_text(html)
    render_cache.clear()
    return templates


def test_a_template_that_transforms_a_slot_is_never_filled(tmp_path):
    """A filter that changes the value (here `upper`) makes the shape fail its proof: always fresh."""
    templates = _probe_templates(tmp_path, "{% set subject %}S {{ name | upper }}{% endset %}"
                                           "Hello {{ name | upper }} at {{ when | local_datetime }}\n",
                                 "<p>{{ name }}</p>\n")
    context = {"name": "ada", "when": utc(2020, 1, 15, 10, 0), "zone": "Europe/Zurich"}
    for name in ("ada", "Grace Hopper"):
        values = {**context, "name": name}
        before = render_cache.stats["fresh"]
        filled = render_cache.render_filled("states", "probe", "en", values, ("name", "when"), templates_dir=templates)
        assert filled == render("states", "probe", "en", values, templates_dir=templates)
        assert render_cache.stats["fresh"] == before + 1
        assert "GRACE HOPPER" in filled.text or name == "ada"


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_acknowledgements_differing_in_their_files_and_states_share_one_render(consultation, lang):
    """File names and sizes and state names are slots: a message listing its own files and states is
    filled, byte for byte as rendered fresh."""
    render_cache.clear()
    base = next(_contexts(consultation, lang))
    names = ["KE-contribution.docx", "<img src=x>.pdf", "مساهمة.docx", "Contribución «final».pdf", "a" * 200]
    sizes = [0, 1, 893, 1_000, 245_678, 12_345_678]
    before = dict(render_cache.stats)
    for index in range(12):
        files = tuple(AckFile(names[(index + k) % len(names)], sizes[(index + k) % len(sizes)], True, "", "ok")
                      for k in range(2))
        states = names_in(("KEN", "CIV", "SAU", "CHN", "FRA", "RUS")[index % 6:][:1] + ("UGA",), lang)
        context = replace(base, files=files, states=states, receipt=f"GCA-2020-{index:04d}")
        assert render_ack(context, lang) == _fresh(context, lang), (lang, files)
    assert render_cache.stats["filled"] - before["filled"] == 11      # all but the first (a shape seen once)


def test_a_template_that_shows_a_raw_size_is_never_filled(tmp_path):
    """An int slot is filled as the `filesize` filter shows it: a template printing the number itself
    fails the proof and is rendered fresh every time."""
    templates = _probe_templates(tmp_path, "{% set subject %}S{% endset %}"
                                           "{% for f in files %}{{ f.name }}: {{ f.size }}\n{% endfor %}",
                                 "<p>{% for f in files %}{{ f.size | filesize }}{% endfor %}</p>\n")
    for size in (10, 2_000, 3_000_000):
        values = {"files": [{"name": "a.pdf", "size": size}], "zone": "UTC"}
        before = render_cache.stats["fresh"]
        filled = render_cache.render_filled("states", "probe", "en", values, (), templates_dir=templates,
                                            item_slots={"files": ("name", "size")})
        assert filled == render("states", "probe", "en", values, templates_dir=templates)
        assert render_cache.stats["fresh"] == before + 1 and f": {size}\n" in filled.text


def test_an_edited_template_is_used_at_once_by_a_running_service(tmp_path):
    """A shape proven and cached before an admin edits the template is not served afterwards: the
    next acknowledgement carries the edit, byte for byte what a fresh render gives."""
    import os

    templates = _probe_templates(tmp_path, "{% set subject %}S{% endset %}Hello {{ name }}\n",
                                 "<p>{{ name }}</p>\n")
    for name in ("ada", "Grace", "Linus"):
        render_cache.render_filled("states", "probe", "en", {"name": name, "zone": "UTC"}, ("name",),
                                   templates_dir=templates)
    assert render_cache.stats["filled"] > 0
    edited = templates / "states" / "probe.txt.j2"
    edited.write_text("{% set subject %}S{% endset %}Dear {{ name }}, thank you\n")
    later = edited.stat().st_mtime_ns + 2_000_000_000     # a coarse file system may not move the time
    os.utime(edited, ns=(later, later))
    values = {"name": "Margaret", "zone": "UTC"}
    filled = render_cache.render_filled("states", "probe", "en", values, ("name",), templates_dir=templates)
    assert filled.text == "Dear Margaret, thank you\n"
    assert filled == render("states", "probe", "en", values, templates_dir=templates)


def _compiled_anew() -> None:
    """Forget every compiled template and every language's environment."""
    from mailbot.correspondence import render as render_module

    render_module.SHARED_CODE.clear()
    render_module._environment.cache_clear()


@pytest.mark.parametrize("first", ["en", "ar"])
def test_a_template_compiled_for_one_language_serves_the_others_unchanged(consultation, first):
    """Languages share compiled templates (compiled once, not six times): what each language gets
    from code compiled for another is byte for byte what it gets from code compiled for itself."""
    from mailbot.correspondence.render import SHARED_CODE

    context = next(_contexts(consultation, "en"))
    alone = {}
    for lang in LANGUAGES:
        _compiled_anew()
        alone[lang] = _fresh(context, lang)
    _compiled_anew()
    _fresh(context, first)
    loads = SHARED_CODE.loads
    for lang in LANGUAGES:
        if lang != first:
            assert _fresh(context, lang) == alone[lang], lang
    assert SHARED_CODE.loads - loads >= 2 * (len(LANGUAGES) - 1)     # text and HTML came compiled
