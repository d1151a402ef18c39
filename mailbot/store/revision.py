"""Whether a register's schema is already the newest, read without loading Alembic.

Loading Alembic and asking it costs ~0.25 s of every start (most of it importing Alembic and Mako);
the answer is nearly always "nothing to do". The newest revision is read from the migration files'
`revision = ...` / `down_revision = ...` lines, and compared with the one the register stores. Any
doubt (a branch, a merge, a line that is not a plain string, no stored revision) says "not known to
be at the head", and Alembic decides as before."""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.M)


@cache
def head_revision(versions: Path = VERSIONS_DIR) -> str | None:
    """The one revision no migration revises; None unless the files make one plain chain."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in versions.glob("*.py"):
        if path.name == "__init__.py":
            continue
        found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
            return None                   # a merge revises a tuple: Alembic's business
        revisions.add(revision)
        if down is not None:
            revised.add(down)
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def at_head(engine: Engine, versions: Path = VERSIONS_DIR) -> bool:
    """Whether the register stores exactly the newest revision (no migration to run)."""
    head = head_revision(versions)
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            stored = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
    except DBAPIError:                    # no table yet: a new register
        return False
    return stored == [head]
