"""`mailbot run` starts the extraction fork server before the rest of its start-up, with the list of
modules the extractor's workers need, without opening the register; it never fails the start."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
from multiprocessing import forkserver
from mailbot.config import load_settings
from mailbot.extraction.pool import PRELOAD
from mailbot.runtime import Runtime

runtime = Runtime(load_settings(environ={"MAILBOT_STATE_DIR": sys.argv[1]}))
runtime.start_readers()
server = forkserver._forkserver
started = {"running": server._forkserver_pid is not None, "preload": server._preload_modules,
           "register_loaded": "mailbot.store.models" in sys.modules}
started["wanted"] = PRELOAD + runtime.extractor.fork_preload
runtime.close()
print(json.dumps(started))
"""


def test_the_fork_server_starts_early_with_the_workers_preload(tmp_path):
    state = tmp_path / "state"
    done = subprocess.run([sys.executable, "-c", _PROBE, str(state)], capture_output=True, text=True, cwd=ROOT,
                          check=True, timeout=120)
    started = json.loads(done.stdout)
    assert started["running"] and started["preload"] == started["wanted"]
    assert "mailbot.attribution.worker_tables" in started["wanted"]
    assert not started["register_loaded"] and not state.exists()      # the register opens later, in preflight


def test_a_failed_early_start_leaves_the_start_to_preflight(tmp_path, monkeypatch):
    from mailbot.config import load_settings
    from mailbot.extraction import pool
    from mailbot.runtime import Runtime

    def refuse(_preload=None):
        raise OSError("no processes left")

    monkeypatch.setattr(pool, "start_fork_server", refuse)
    runtime = Runtime(load_settings(environ={"MAILBOT_STATE_DIR": str(tmp_path / "state")}))
    try:
        runtime.start_readers()            # says nothing, raises nothing: workers start on first need
    finally:
        runtime.close()
