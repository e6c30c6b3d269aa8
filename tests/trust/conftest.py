"""The trust tests log in through the root conftest's fixtures; some import `logged_in` here."""

from conftest import logged_in  # noqa: F401  (the tests here import it from this folder)
