"""The Alembic migrations build exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import mailbot.store.schema  # noqa: F401
from mailbot.extraction.search import FTS_TABLE
from mailbot.store.db import open_engine


def test_migrated_database_matches_the_models(tmp_path):
    engine = open_engine(tmp_path / "state")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    # FTS5 shadow tables are created by raw SQL and are not models; ignore them.
    differences = [diff for diff in differences
                   if not (diff[0] == "remove_table" and diff[1].name.startswith(FTS_TABLE))]
    assert differences == []


def test_state_folder_and_database_are_private(tmp_path):
    state = tmp_path / "state"
    open_engine(state)
    assert state.stat().st_mode & 0o777 == 0o700
    assert (state / "register.sqlite3").stat().st_mode & 0o777 == 0o600
