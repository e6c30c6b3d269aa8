"""Error pages while the database is down, full or read-only: the product's own, never bare."""

import logging

import pytest
from conftest import make_app
from engines import ON_POSTGRESQL
from sqlalchemy import func, select, text

from partnership.extensions import db
from partnership.partners.models import City

from .conftest import limit_growth, logged_in_client, make_read_only, unreachable_url

NEW_CITY = {"name": "Žytomyr", "country_code": "UA", "notes": "Partner since 1990."}
UNREACHABLE = "The database cannot be reached"
DISK_FULL = "The disk is full"
READ_ONLY = "The database is read-only: tell your administrator"


def city_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(City))


@pytest.fixture
def down_app():
    """An app whose PostgreSQL server refuses connections."""
    app = make_app(unreachable_url())
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def down_client(client, auth, down_app):
    """A client logged in while the database was up, now talking to an app whose is down."""
    auth.login()
    return logged_in_client(client, down_app)


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_page_while_the_server_is_down_says_so_in_the_users_language(down_client, language):
    response = down_client.get("/cities/", headers={"Accept-Language": language})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in page
    assert "Internal Server Error" not in page
    if language == "en":
        assert UNREACHABLE in page
        assert "try again in a few minutes" in page


def test_logging_in_while_the_server_is_down_answers_the_page(down_app):
    response = down_app.test_client().post(
        "/login", data={"email": "someone@example.org", "password": "whatever it is"}
    )
    assert response.status_code == 503
    assert UNREACHABLE in response.get_data(as_text=True)


def test_a_sqlite_file_that_cannot_be_opened_is_unreachable(client, auth, tmp_path):
    auth.login()
    # A folder where the database file should be: SQLite cannot open it.
    folder = make_app(tmp_path)
    response = logged_in_client(client, folder).get("/")
    assert response.status_code == 503
    assert UNREACHABLE in response.get_data(as_text=True)


@pytest.mark.skipif(ON_POSTGRESQL, reason="the page limit is SQLite's own")
@pytest.mark.parametrize("language", ["en", "de"])
def test_saving_on_a_full_disk_says_the_disk_is_full(app, client, auth, language):
    auth.login()
    before = city_count(app)
    limit_growth(app)
    response = client.post(
        "/cities/new",
        data={**NEW_CITY, "notes": "A long story. " * 700},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in page
    if language == "en":
        assert DISK_FULL in page
    assert city_count(app) == before


@pytest.mark.parametrize("language", ["en", "de"])
def test_saving_in_a_read_only_database_says_tell_your_administrator(
    app, client, auth, database_path, language
):
    auth.login()
    before = city_count(app)
    read_only = make_read_only(app, database_path)
    try:
        reader = logged_in_client(client, read_only)
        assert reader.get("/cities/").status_code == 200  # reading still works
        response = reader.post("/cities/new", data=NEW_CITY, headers={"Accept-Language": language})
        assert response.status_code == 503
        page = response.get_data(as_text=True)
        assert f'<html lang="{language}">' in page
        if language == "en":
            assert READ_ONLY in page
    finally:
        with read_only.app_context():
            db.engine.dispose()
    assert city_count(app) == before


def test_one_failed_request_writes_one_line_without_traceback(down_client, caplog):
    with caplog.at_level(logging.DEBUG):
        response = down_client.get("/cities/?q=x")
    assert response.status_code == 503
    errors = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(errors) == 1, [record.getMessage() for record in errors]
    (record,) = errors
    assert record.exc_info is None and record.exc_text is None
    message = record.getMessage()
    assert message.startswith("GET /cities/: database unreachable (psycopg.OperationalError: ")
    assert "Connection refused" in message or "connection failed" in message
    assert "\n" not in message


def test_a_path_with_a_line_break_cannot_forge_a_log_line(down_client, caplog):
    with caplog.at_level(logging.ERROR):
        down_client.get("/cities/%0AGET%20/forged: database unreachable")
    assert len(caplog.records) == 1
    assert "\n" not in caplog.records[0].getMessage()


@pytest.fixture
def buggy_app(database_path):
    """The app as in production, with pages that fail in the code, not in the database's state."""
    app = make_app(database_path, TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.get("/bug")
    def bug():
        raise KeyError("no such thing")

    @app.get("/bad-query")
    def bad_query():
        db.session.execute(text("SELECT * FROM no_such_table"))

    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("path", ["/bug", "/bad-query"])
def test_a_bug_logs_its_traceback_once_and_answers_the_products_page(
    client, auth, buggy_app, caplog, path
):
    auth.login()
    with caplog.at_level(logging.WARNING):
        response = logged_in_client(client, buggy_app).get(path)
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert len(caplog.records) == 1, [record.getMessage() for record in caplog.records]
    assert caplog.records[0].exc_info is not None


def test_a_failed_save_is_rolled_back_before_the_page_is_built(app, client, auth, database_path):
    """On PostgreSQL a failed statement spoils the transaction: the page needs it rolled back."""
    broken = make_app(database_path, TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @broken.post("/half-saved")
    def half_saved():
        db.session.add(City(name="Half", country_code="DE"))
        db.session.flush()
        db.session.execute(text("SELECT * FROM no_such_table"))

    auth.login()
    try:
        response = logged_in_client(client, broken).post("/half-saved")
        assert response.status_code == 500
        # The page's header reads the user: it could only do so after the rollback.
        assert "Log out" in response.get_data(as_text=True)
    finally:
        with broken.app_context():
            db.engine.dispose()
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(City.name == "Half")) == 0
