"""Shared fixtures: one attribution context per test session (loading it is the slow part)."""
from __future__ import annotations

import pytest

from mailbot.attribution import InMemoryHistory, load_context
from mailbot.config import Settings
from tests.attribution.builders import TRUSTED_ID


def make_settings(**attribution) -> Settings:
    settings = Settings()
    settings.attribution.trusted_authserv_id = TRUSTED_ID
    for key, value in attribution.items():
        setattr(settings.attribution, key, value)
    return settings


@pytest.fixture(scope="session")
def ctx():
    return load_context(make_settings(), InMemoryHistory())
