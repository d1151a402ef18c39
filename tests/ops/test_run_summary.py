"""Item 6: the run summary counts registered, duplicates and skipped apart."""
from __future__ import annotations

import re
import shutil

from mailbot.config import DEMO_MAILDIR
from tests.ops.cli import DEMO_NOW, mailbot


def _row(summary: str, label: str) -> str:
    match = re.search(rf"│ {re.escape(label)}\s*│\s*(\d+) │", summary)
    assert match, summary
    return match.group(1)


def test_a_re_appended_copy_is_a_duplicate_not_registered(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(DEMO_MAILDIR, inbox)
    env, state = {"MAILBOT_MAILDIR_PATH": str(inbox)}, tmp_path / "state"
    first = mailbot("run", "--once", "--now", DEMO_NOW, state=state, env=env)
    assert first.code == 0, first.err
    assert _row(first.out, "messages registered") == "14"
    original = sorted(path for path in (inbox / "new").iterdir() if not path.name.startswith("."))[0]
    shutil.copy(original, inbox / "new" / "1600000000.copy.demo")
    again = mailbot("run", "--once", "--now", DEMO_NOW, state=state, env=env)
    assert again.code == 0, again.err
    assert _row(again.out, "messages registered") == "0", again.out
    assert _row(again.out, "duplicates (same bytes, not registered again)") == "1"
    assert re.search(r"│\s+duplicate of \d+\s*│\s*1 │", again.out)
    assert _row(again.out, "skipped") == "0"
