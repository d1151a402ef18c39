"""Item 8: Chinese, Japanese and Korean substrings match, and a receipt number finds its message."""
from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import Session

from mailbot.extraction.search import index_message, search
from mailbot.store.db import open_engine
from tests.ops.cli import mailbot


@pytest.mark.parametrize("query", ["网络安全", "议程", "国际电联"])
def test_a_chinese_substring_finds_the_chinese_contribution(demo_state, query):
    result = mailbot("search", query, state=demo_state)
    assert result.code == 0, result.err
    assert "GCA-2020-0006" in result.out and f"[{query}]" in result.out


@pytest.mark.parametrize("query", ["GCA-2020-0006", "gca-2020-0006"])
def test_a_receipt_number_finds_its_message(demo_state, query):
    result = mailbot("search", query, state=demo_state)
    assert result.code == 0 and "1 message(s)" in result.out and "wangwei@miit.gov.cn" in result.out


def test_japanese_and_korean_substrings_and_a_reindexed_message(tmp_path):
    engine = open_engine(tmp_path / "state")
    with Session(engine) as session:
        index_message(session, 1, ["サイバーセキュリティに関する日本の意見書"], replace=False)
        index_message(session, 2, ["사이버보안 의제에 대한 대한민국의 의견"], replace=False)
        index_message(session, 3, ["No CJK here: critical infrastructure"], replace=False)
        assert [pk for pk, _ in search(session, "セキュリティ")] == [1]
        assert [pk for pk, _ in search(session, "사이버보안 의견")] == [2]
        assert search(session, "안보") == []
        index_message(session, 2, ["replaced text"])          # a reprocessed message leaves no stale text
        assert search(session, "사이버보안") == []
        assert [pk for pk, _ in search(session, "infrastructure")] == [3]


def test_a_register_made_before_the_trigram_index_is_backfilled(tmp_path):
    from sqlalchemy import create_engine

    from mailbot.store.db import upgrade

    (tmp_path / "state").mkdir()
    engine = create_engine(f"sqlite:///{tmp_path / 'state' / 'register.sqlite3'}")
    upgrade(engine, "0003_first")
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO message_fts (message_pk, body) VALUES (5, '全球网络安全议程')")
    engine.dispose()
    upgraded = open_engine(tmp_path / "state")
    with Session(upgraded) as session:
        assert [pk for pk, _ in search(session, "安全")] == [5]
    with sqlite3.connect(tmp_path / "state" / "register.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM message_fts_trigram").fetchone() == (1,)
