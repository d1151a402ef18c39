"""README draws the layers that pyproject.toml's import-linter contract states, and they are kept."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from layers import drawing  # noqa: E402


def test_readme_draws_the_contracts_layers():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```\n{drawing()}\n```" in readme


def test_the_layers_are_kept():
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout
