"""One demo register shared by the read-only command tests of this folder."""
from __future__ import annotations

import shutil

import pytest

from tests.ops.cli import DEMO_NOW, mailbot


@pytest.fixture(scope="module")
def demo_state(tmp_path_factory):
    """The demo inbox processed once (at the demo's clock); tests that write copy it first."""
    state = tmp_path_factory.mktemp("demo") / "state"
    result = mailbot("run", "--once", "--now", DEMO_NOW, state=state)
    assert result.code == 0, result.err
    return state


@pytest.fixture
def demo_copy(demo_state, tmp_path):
    """A private copy of the demo register, for commands that change it."""
    target = tmp_path / "state"
    shutil.copytree(demo_state, target)
    return target
