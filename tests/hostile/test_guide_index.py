"""Every case of the hostile-inputs guide has a test named after it (tests/hostile or tests/faults)."""
from __future__ import annotations

import re

import pytest

from tests.corpus import REPO_ROOT, corpus_dir

GUIDE_NAMES = ("hostile-inputs.md",)
# Cases whose crash-point test lives with the other end-to-end tests rather than here.
ELSEWHERE = {15: "tests/e2e/test_crash_restart.py::test_crash_point_then_rerun"}


def _guide_cases() -> list[int]:
    guide = corpus_dir().parent / "guides" / GUIDE_NAMES[0]
    if not guide.is_file():
        pytest.skip(f"the hostile-inputs guide is not at {guide}")
    return [int(number) for number in re.findall(r"^(\d+)\. ", guide.read_text(), flags=re.M)]


def _named_tests() -> set[int]:
    found = set()
    for folder in ("tests/hostile", "tests/faults"):
        for path in (REPO_ROOT / folder).glob("test_*.py"):
            found.update(int(number) for number in re.findall(r"^def test_case_(\d\d)_", path.read_text(), flags=re.M))
    return found


def test_every_guide_case_has_a_named_test():
    cases = _guide_cases()
    assert cases == list(range(1, len(cases) + 1)) and len(cases) >= 32
    missing = sorted(set(cases) - _named_tests())
    assert missing == [], f"guide cases without a test_case_NN_... test: {missing}"
    for case, where in ELSEWHERE.items():
        path, _, name = where.partition("::")
        assert f"def {name}(" in (REPO_ROOT / path).read_text()
