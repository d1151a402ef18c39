"""Registered messages and their documents are searchable from the command line."""
from __future__ import annotations

import subprocess
import sys

from mailbot.config import PROJECT_ROOT
from mailbot.reprocess import reprocess_messages
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime


def _search(tmp_path, query: str) -> str:
    env = {"PYTHONPATH": str(PROJECT_ROOT), "MAILBOT_STATE_DIR": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "mailbot", "search", query], env=env,
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_document_text_is_found_with_a_snippet_and_replays_do_not_double_it(tmp_path):
    runtime = make_runtime(tmp_path)
    poll_once(runtime, ListSource([contribution(1), contribution(2, with_docx=False)]))
    reprocess_messages(runtime, None)
    runtime.close()
    found = _search(tmp_path, "Republic of Kenya")          # only in the first message's .docx
    assert "GCA-2020-0001" in found and "GCA-2020-0002" not in found
    assert "[Republic] [of] [Kenya]" in found                # the snippet marks the hit, unmangled
    assert "1 message(s)" in found
    assert "no message matches" in _search(tmp_path, "quantum teleportation")
