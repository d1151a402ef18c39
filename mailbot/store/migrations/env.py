"""Alembic environment: runs on the connection mailbot hands over (no alembic.ini needed)."""
from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import mailbot.store.schema  # noqa: F401  (registers every table on SQLModel.metadata)

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        url = context.config.get_main_option("sqlalchemy.url")
        from sqlalchemy import create_engine

        with create_engine(url).connect() as fresh:
            _run(fresh)
            fresh.commit()
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
