"""The catalogs: every message of the templates is translated in the six languages, none is fuzzy,
and the placeholders of each translation are those of its message."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from mailbot.config import DEFAULT_TEMPLATES_DIR
from mailbot.consultation import LANGUAGES
from mailbot.correspondence.render import catalog_path

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _template_messages() -> set[str]:
    """The msgids in the templates, found by Babel's extractor as scripts/i18n.sh runs it."""
    method_map = [("**.j2", "jinja2")]
    options = {"**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    found = set()
    for _name, _line, message, _comments, _context in extract_from_dir(
        str(DEFAULT_TEMPLATES_DIR), method_map, options, keywords={"_": None, "gettext": None, "ngettext": (1, 2)}
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.fixture(scope="module")
def template_messages() -> set[str]:
    return _template_messages()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(lang, template_messages):
    with open(catalog_path(lang), "rb") as handle:
        catalog = read_po(handle, locale=lang)
    problems = ["the catalog's header is marked fuzzy"] if catalog.fuzzy else []
    ids = set()
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        ids.add(key)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {key!r}")
        if not all(strings) or (isinstance(message.id, tuple) and len(strings) != catalog.num_plurals):
            problems.append(f"untranslated: {key!r}")
        wanted = set(PLACEHOLDER.findall(key))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) - wanted:
                problems.append(f"unknown placeholder in {string!r}")
    problems += [f"missing from the catalog: {key!r}" for key in sorted(template_messages - ids)]
    assert not problems, "\n".join(problems)


def test_french_puts_a_no_break_space_before_double_punctuation():
    with open(catalog_path("fr"), "rb") as handle:
        catalog = read_po(handle, locale="fr")
    for message in catalog:
        if not message.id:
            continue                      # the header
        for string in message.string if isinstance(message.string, tuple) else (message.string,):
            assert not re.search(r" [:;?!»]|« ", string or ""), string


def test_russian_plural_follows_cldr(consultation):
    from mailbot.correspondence.ack import AckContext, names_in, render_ack
    from tests.correspondence.conftest import utc

    def registered(states):
        context = AckContext("GCA-2020-0001", utc(2020, 1, 2, 9, 0), "", "s", (), names_in(states, "ru"), False,
                             consultation)
        return render_ack(context, "ru").text

    assert "вклад следующего Государства-Члена: Кения." in registered(("KEN",))
    assert "совместный вклад следующих Государств-Членов" in registered(("KEN", "UGA"))
