"""FTS5 search over extracted text."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlmodel import Session

from mailbot.extraction.search import (FTS_TABLE, TEXTS_PER_MESSAGE, TRIGRAM_TABLE, index_message,
                                       matching_messages, message_texts, search, to_match_query)
from mailbot.store.db import open_engine, upgrade


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


def test_the_index_names_each_texts_message_so_a_search_reads_ids_from_it_alone(session):
    index_message(session, 2, ["infrastructure in the body", "", "an annex on infrastructure"], replace=False)
    index_message(session, 9, ["budget only"], replace=False)
    index_message(session, 2, ["reprocessed: infrastructure still", "budget annex"])     # replaced by range
    session.commit()
    rows = session.execute(text(f"SELECT rowid, message_pk FROM {FTS_TABLE} ORDER BY rowid")).all()
    assert [tuple(row) for row in rows] == [(2 * TEXTS_PER_MESSAGE, 2), (2 * TEXTS_PER_MESSAGE + 1, 2),
                                            (9 * TEXTS_PER_MESSAGE, 9)]
    assert matching_messages(session, to_match_query("infrastructure")) == [2]
    assert matching_messages(session, to_match_query("budget")) == [2, 9]
    assert matching_messages(session, "") == []


def test_an_index_written_before_the_numbering_is_renumbered_with_the_same_matches(tmp_path):
    (tmp_path / "state").mkdir()
    engine = create_engine(f"sqlite:///{tmp_path / 'state' / 'register.sqlite3'}")
    upgrade(engine, "0007_web2")                      # the index as the code before the numbering wrote it
    with engine.begin() as connection:
        for pk, body in [(5, "annex on cybersecurity"), (3, "cybersecurity strategy"), (5, "body of five"),
                         (3, "x")]:
            connection.execute(text(f"INSERT INTO {FTS_TABLE} (message_pk, body) VALUES (:pk, :body)"),
                               {"pk": pk, "body": body})
    engine.dispose()
    upgraded = open_engine(tmp_path / "state")
    with Session(upgraded) as session:
        rows = session.execute(text(f"SELECT rowid, message_pk, body FROM {FTS_TABLE} ORDER BY rowid")).all()
        assert [tuple(row) for row in rows] == [(3 * TEXTS_PER_MESSAGE, 3, "cybersecurity strategy"),
                                                (3 * TEXTS_PER_MESSAGE + 1, 3, "x"),
                                                (5 * TEXTS_PER_MESSAGE, 5, "annex on cybersecurity"),
                                                (5 * TEXTS_PER_MESSAGE + 1, 5, "body of five")]
        assert matching_messages(session, to_match_query("cybersecurity")) == [3, 5]
    upgraded.dispose()


def test_a_message_with_more_texts_than_its_numbers_keeps_them_all_in_the_last():
    texts = [f"text {n}" for n in range(TEXTS_PER_MESSAGE + 5)]
    kept = message_texts(texts + ["  "])
    assert len(kept) == TEXTS_PER_MESSAGE and kept[-1].split("\n") == texts[TEXTS_PER_MESSAGE - 1:]
