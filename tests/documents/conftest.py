"""Fixtures for the extraction tests: small limits, a throwaway register, an Extractor."""
from __future__ import annotations

import pytest
from sqlmodel import Session

from mailbot.config import ExtractSettings
from parsers.documents import Limits
from tests.builders import register


@pytest.fixture
def limits() -> Limits:
    return Limits(ocr=False, program_timeout_seconds=30)


@pytest.fixture
def engine(tmp_path):
    engine = register(tmp_path / "state")
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine):
    return lambda: Session(engine)


@pytest.fixture
def make_extractor(session_factory):
    """Extractor factory with small, fast limits by default; every one is closed after the test."""
    created = []

    def make(**overrides):
        from mailbot.extraction import Extractor

        values = {"workers": 2, "timeout_seconds": 20, "memory_mb": 512, "ocr": False}
        values.update(overrides)
        extractor = Extractor(ExtractSettings(**values), session_factory)
        created.append(extractor)
        return extractor

    yield make
    for extractor in created:
        extractor.close()
