"""The register's schema is known to be current without Alembic; any doubt leaves it to Alembic."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from mailbot.store.db import MIGRATIONS_DIR, open_engine, upgrade
from mailbot.store.revision import VERSIONS_DIR, at_head, head_revision
from tests.builders import register

ROOT = Path(__file__).resolve().parents[2]


def _dir(tmp_path, name: str):
    folder = tmp_path / name
    folder.mkdir()
    return folder


def _copy_versions(tmp_path, extra: dict[str, str] | None = None):
    folder = tmp_path / "versions"
    folder.mkdir()
    for path in VERSIONS_DIR.glob("*.py"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for name, body in (extra or {}).items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_the_head_read_from_the_files_is_alembics():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_a_register_at_the_head_opens_without_loading_alembic(tmp_path):
    opening = ("import sys; from pathlib import Path; from mailbot.store.db import open_engine; "
               f"open_engine(Path({str(tmp_path / 'state')!r})); print('alembic' in sys.modules)")
    loads = [subprocess.run([sys.executable, "-c", opening], capture_output=True, text=True, check=True,
                            cwd=ROOT).stdout.strip() for _ in range(2)]
    assert loads == ["True", "False"]               # a new register is migrated; then nothing to do


def test_an_older_or_new_register_is_migrated(tmp_path):
    engine = register()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    assert at_head(engine)
    older = register()
    with older.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0008_web2'"))
    assert not at_head(older)
    from sqlmodel import create_engine

    assert not at_head(create_engine("sqlite://"))            # no alembic_version table yet


def test_an_older_register_opened_is_brought_to_the_head(tmp_path):
    from sqlmodel import create_engine

    path = tmp_path / "state"
    path.mkdir(mode=0o700)
    engine = create_engine(f"sqlite:///{path / 'register.sqlite3'}")
    upgrade(engine, "0008_web2")
    engine.dispose()
    reopened = open_engine(path)
    assert at_head(reopened)
    with reopened.connect() as connection:                   # 0009 made its table
        assert connection.execute(text("SELECT count(*) FROM in_hand")).scalar() == 0
    reopened.dispose()


def test_a_branch_or_a_merge_leaves_the_answer_to_alembic(tmp_path):
    branch = _copy_versions(_dir(tmp_path, "a"), {"0010_x.py": 'revision = "0010_x"\ndown_revision = "0008_web2"\n'})
    assert head_revision(branch) is None
    merge = _copy_versions(_dir(tmp_path, "b"), {"0010_m.py": 'revision = "0010_m"\ndown_revision = ("0009_loop", "x")\n'})
    assert head_revision(merge) is None
    odd = _copy_versions(_dir(tmp_path, "c"), {"0010_o.py": "revision = make_id()\ndown_revision = '0009_loop'\n"})
    assert head_revision(odd) is None
    plain = _copy_versions(_dir(tmp_path, "d"), {"0010_p.py": "revision: str = '0010_p'\ndown_revision = '0009_loop'\n"})
    assert head_revision(plain) == "0010_p"
    assert not at_head(register(), plain)                     # a newer migration: Alembic runs it
