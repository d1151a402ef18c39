"""FTS5 search over extracted text."""
from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import Session

from mailbot.extraction.search import ensure_fts, index_message, search, to_match_query


@pytest.fixture
def session(engine):
    with engine.begin() as connection:
        ensure_fts(connection)
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


def test_ensure_fts_accepts_a_plain_sqlite_connection(tmp_path):
    connection = sqlite3.connect(tmp_path / "plain.sqlite")
    ensure_fts(connection)
    ensure_fts(connection)               # idempotent
    names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert "message_fts" in names
