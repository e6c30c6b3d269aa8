"""Editors whose browsers speak German or English, with the demo story loaded."""

from pathlib import Path

import pytest

CATALOGUE = Path(__file__).parents[2] / "partnership/translations/de/LC_MESSAGES/messages.po"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogue():
    """The German pages need the compiled catalogue; `make translations` builds it."""
    compiled = CATALOGUE.with_suffix(".mo")
    if not compiled.exists() or compiled.stat().st_mtime < CATALOGUE.stat().st_mtime:
        pytest.fail("The German catalogue is not compiled or out of date: run `make translations`.")


def speaking(client, language: str):
    """Send every request of `client` with the browser's `language`."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@pytest.fixture
def german(editor, demo):
    return speaking(editor, "de-DE,de;q=0.9,en;q=0.5")


@pytest.fixture
def english(editor, demo):
    return speaking(editor, "en-GB,en;q=0.9")
