"""Fixtures for the web tests: a register built once per module, and clients logged in by role."""
from __future__ import annotations

import re
import warnings

import pytest

from tests.web.register import PASSWORD, build

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    built = build(tmp_path_factory.mktemp("web"))
    yield built
    built.close()


@pytest.fixture(scope="module")
def app(runtime):
    from mailbot.web.app import create_app

    return create_app(runtime)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def log_in(client, name: str, password: str = PASSWORD, next_: str = "/"):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": next_},
                       follow_redirects=False)


@pytest.fixture
def client_as(app):
    """client_as("viewer"|"reviewer"|"admin") -> a TestClient logged in with that role."""
    def make(name: str, **kwargs):
        client = TestClient(app, **kwargs)
        response = log_in(client, name)
        assert response.status_code == 303, response.text
        return client
    return make


@pytest.fixture
def anonymous(app):
    return TestClient(app)
