"""Running the real `mailbot` command in a subprocess, as an operator would."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mailbot.config import PROJECT_ROOT

DEMO_NOW = "2020-01-16T10:00+01:00"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def mailbot(*args: str, state: Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """`python -m mailbot ARGS` with a private state folder and no MAILBOT_* from the caller."""
    base = {key: value for key, value in os.environ.items() if not key.startswith("MAILBOT_")}
    base.update({"PYTHONPATH": str(PROJECT_ROOT), "MAILBOT_STATE_DIR": str(state), "COLUMNS": "80"})
    base.update(env or {})
    run = subprocess.run([sys.executable, "-m", "mailbot", *args], env=base, capture_output=True, text=True,
                         cwd=cwd or PROJECT_ROOT, timeout=300)
    return Result(run.returncode, run.stdout, run.stderr)


def assert_one_line(result: Result, code: int, *words: str) -> str:
    """Exactly one line on stderr, no traceback, the expected exit code, and the words named."""
    assert "Traceback" not in result.err, result.err
    assert len(result.err_lines) == 1, result.err
    assert result.code == code, (result.code, result.err)
    line = result.err_lines[0]
    for word in words:
        assert word in line, line
    return line
