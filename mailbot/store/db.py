"""Opening the register: SQLite in WAL mode, migrated to the latest schema on open."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine
from mailbot.store.revision import at_head
from mailbot.store.statedir import prepare_state_dir


MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")     # safe with WAL: a crash loses no commit's integrity
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")     # a second worker waits rather than fails
    cursor.close()


def open_engine(state_dir: Path) -> Engine:
    """Create the state folder (private), open the database and bring its schema up to date."""
    state_dir = prepare_state_dir(state_dir)
    db_path = state_dir / "register.sqlite3"
    fresh = not db_path.exists()
    if fresh:   # created private before SQLite opens it: its -wal and -shm files take the same mode
        os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT, 0o600))
    engine = create_engine(f"sqlite:///{db_path}", connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    if not at_head(engine):     # the usual case needs no migration, and no Alembic loaded to say so
        upgrade(engine)
    if fresh:
        os.chmod(db_path, 0o600)
    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to `revision` (head: all of them) on this engine."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def session_factory(engine: Engine):
    """A callable returning new Sessions (expire_on_commit off: rows stay readable after commit)."""

    def make_session() -> Session:
        return Session(engine, expire_on_commit=False)

    return make_session
