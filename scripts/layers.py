"""Draw the layers of pyproject.toml's import-linter contract as text (README "How it is built" shows it).

    python scripts/layers.py            print the drawing
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def contract(path: Path = PYPROJECT) -> dict:
    """The layers contract of the file."""
    contracts = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    return next(found for found in contracts if found["type"] == "layers")


def drawing(path: Path = PYPROJECT) -> str:
    """One line per layer, top first; `|` siblings independent, `:` siblings may import each other."""
    layers = contract(path)["layers"]
    return "\n".join(f"{len(layers) - number:>2}  {layer}" for number, layer in enumerate(layers))


if __name__ == "__main__":
    sys.stdout.write(drawing() + "\n")
