"""Clients that speak German or English, logged in as an editor, with the demo story loaded."""

from pathlib import Path

import pytest

from partnership.auth.models import Role

CATALOGUE = Path(__file__).parents[2] / "partnership/translations/de/LC_MESSAGES/messages.po"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogue():
    """The German pages need the compiled catalogue; `make translations` builds it."""
    compiled = CATALOGUE.with_suffix(".mo")
    if not compiled.exists() or compiled.stat().st_mtime < CATALOGUE.stat().st_mtime:
        pytest.fail("The German catalogue is not compiled or out of date: run `make translations`.")


def speaking(client, auth, language: str):
    """Log in as an editor and send every request with the browser's `language`."""
    assert auth.login(Role.EDITOR).status_code == 302
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@pytest.fixture
def german(client, auth, demo):
    return speaking(client, auth, "de-DE,de;q=0.9,en;q=0.5")


@pytest.fixture
def english(client, auth, demo):
    return speaking(client, auth, "en-GB,en;q=0.9")
