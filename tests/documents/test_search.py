"""FTS5 search over extracted text."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect
from sqlmodel import Session

from mailbot.extraction.search import FTS_TABLE, TRIGRAM_TABLE, index_message, search, to_match_query


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


def test_search_finds_messages_with_a_snippet(session):
    index_message(session, 1, ["Contribution on critical infrastructure protection in Ruritania."])
    index_message(session, 2, ["Unrelated note about the budget.", "An annex about infrastructure only."])
    session.commit()
    hits = search(session, "critical infrastructure")
    assert [pk for pk, _ in hits] == [1]
    assert "[critical]" in hits[0][1] and "[infrastructure]" in hits[0][1]
    assert {pk for pk, _ in search(session, "infrastructure")} == {1, 2}


def test_reindexing_replaces_a_message(session):
    index_message(session, 7, ["old words"])
    index_message(session, 7, ["new words"])
    session.commit()
    assert search(session, "old") == []
    assert [pk for pk, _ in search(session, "new")] == [7]


def test_accents_and_case_do_not_matter(session):
    index_message(session, 3, ["Le réseau de télécommunications d'urgence"])
    session.commit()
    assert [pk for pk, _ in search(session, "RESEAU")] == [3]


def test_phrase_search_and_hostile_syntax(session):
    index_message(session, 4, ["critical national infrastructure"])
    session.commit()
    assert search(session, '"critical infrastructure"') == []
    assert [pk for pk, _ in search(session, '"national infrastructure"')] == [4]
    for nasty in ['AND OR NOT', '"unbalanced', "col:umn*", "(", "NEAR(a b", ""]:
        search(session, nasty)            # never an FTS5 syntax error
    assert to_match_query("a-b c") == '"a" "b" "c"'


def test_the_migrations_make_both_indexes(engine):
    names = inspect(engine).get_table_names()
    assert FTS_TABLE in names and TRIGRAM_TABLE in names
