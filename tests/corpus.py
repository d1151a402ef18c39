"""Where the shared real-world corpus is, and a skip marker for when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    """`MAILBOT_CORPUS`, else `../shared/corpus` beside the repository."""
    return Path(os.environ.get("MAILBOT_CORPUS", REPO_ROOT.parent / "shared" / "corpus"))


def require_corpus(*parts: str) -> Path:
    """The corpus folder (or a sub-folder); skip the test with a clear reason when absent."""
    folder = corpus_dir().joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(f"shared corpus not found at {folder} (set MAILBOT_CORPUS to its path)")
    return folder
