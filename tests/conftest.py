"""Fixtures: an app on a migrated database per test, users of every role, the demo.

The database is a SQLite file, or on PostgreSQL (when TEST_DATABASE_URL names a server) a
database shared by a worker's tests, each test's writes rolled back (see engines.py).

Logging in: `viewer`, `editor` and `admin` are browsers already logged in with that role, each
its own; `logged_in(app, role)` makes another; `auth` logs the `client` fixture in and out.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest
from engines import (
    ON_POSTGRESQL,
    SERVER_URL,
    PostgreSQLServer,
    RolledBack,
    database_name,
    join_test_transactions,
)
from flask_migrate import upgrade
from shared_apps import SharedApps, share_compiled_templates
from sqlalchemy import Engine, event

from partnership import create_app
from partnership.auth.models import Role
from partnership.auth.services import create_user
from partnership.demo.story import load_demo_story
from partnership.extensions import db

# The browser fixtures, for the browser tests of any folder (one Chromium per process).
pytest_plugins = ["browser_fixtures"]

PASSWORD = "correct horse battery"
USERS = {role: f"{role.value}@example.org" for role in Role}

# Tests that need commits other connections see (threads, a second server, database settings,
# backups and restores by pg_dump and pg_restore): on PostgreSQL they get a database of their
# own. A single test says so with `@pytest.mark.own_database`. One that is missing here fails
# with "lock timeout" (see shared_databases) rather than waiting for ever.
OWN_DATABASE = (
    "tests/faults/",
    "tests/trust/test_under_load.py",
    "tests/trust/test_login_throttle.py",
    "tests/trust/test_backup_storage.py",
    "tests/audit/test_exports.py::test_a_backup_is_recorded_as_done_on_the_command_line",
    "tests/audit/test_exports.py::test_a_database_restore_is_recorded_in_the_restored_database",
    "tests/audit/test_exports.py::test_a_failed_backup_is_not_recorded",
    "tests/auth/test_review_fixes.py::test_a_restore_ends_the_sessions_the_backup_brought_back",
)

# The tests that take longest (a browser, thousands of rows, a walk through every page, a real
# command line) run first: the short ones left at the end keep both workers busy to the last.
LONG_FIRST = (
    "tests/browser/",
    "tests/imports/test_import_scale.py",
    "tests/funding/test_report_streaming.py",
    "tests/trust/test_holes_lengths.py",
    "tests/trust/test_holes_ids.py",
    "tests/core/test_cli.py",
    "tests/faults/test_operator_commands.py",
    "tests/faults/test_serving.py",
    "tests/trust/test_under_load.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Last, so that the browser marks of the folders' conftests are set; a stable sort keeps
    # the order within each group (and so each module's tests together).
    def long(item) -> bool:
        return item.nodeid.startswith(LONG_FIRST) or item.get_closest_marker("browser") is not None

    items.sort(key=lambda item: not long(item))


share_compiled_templates()


@event.listens_for(Engine, "connect")
def _no_waiting_for_the_disk(dbapi_connection, _record) -> None:
    # Test databases are thrown away: like the PostgreSQL test server (fsync off), SQLite
    # need not wait for the disk at each commit.
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous = OFF")


def database_uri(database) -> str:
    """Return the URL of `database`: a database URL already, or the path of a SQLite file."""
    text = str(database)
    return text if "://" in text else f"sqlite:///{text}"


# The worker's own folder for stored documents (see `documents_folder`), never the project's
# instance/documents; set before any app is made.
DOCUMENTS: dict[str, Path] = {}


def make_app(database, **overrides):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_uri(database),
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
        # A cheap hash keeps the many logins of the suite fast; production uses scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # Tests change the data behind the pages' backs and read them at once: no page kept
        # for a few seconds (tests/pagecache turns it on).
        "PAGE_CACHE_SECONDS": 0,
        **({"DOCUMENTS_FOLDER": str(DOCUMENTS["folder"])} if "folder" in DOCUMENTS else {}),
        **overrides,
    }
    return create_app(config)


def needs_own_database(item) -> bool:
    return item.get_closest_marker("own_database") is not None or item.nodeid.startswith(
        OWN_DATABASE
    )


@pytest.fixture(scope="session", autouse=True)
def documents_folder(tmp_path_factory):
    """One documents folder per worker: the demo's files stored when its database is built are
    there for every test starting from that database (a test may set a folder of its own)."""
    DOCUMENTS["folder"] = tmp_path_factory.mktemp("documents")
    yield DOCUMENTS["folder"]
    DOCUMENTS.clear()


@pytest.fixture(scope="session")
def database_server():
    """The PostgreSQL server named by TEST_DATABASE_URL, or None when tests run on SQLite."""
    if not ON_POSTGRESQL:
        yield None
        return
    server = PostgreSQLServer(SERVER_URL)
    undo = join_test_transactions()
    yield server
    undo()
    server.close()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory, database_server):
    """Build the schema once through the migrations; each test gets a copy of it."""
    if database_server is None:
        path = tmp_path_factory.mktemp("schema") / "migrated.sqlite"
    else:
        path = database_server.create()
    app = make_app(path)
    with app.app_context():
        upgrade()
        for role, email in USERS.items():
            create_user(email, PASSWORD, role, name=f"{role.value.title()} User")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    yield path
    if database_server is not None:
        database_server.retire(path)


@pytest.fixture(scope="session")
def demo_database(migrated_database, tmp_path_factory, database_server):
    """The migrated database with the demo story loaded, built once for every test using it."""
    if database_server is None:
        path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
        shutil.copy(migrated_database, path)
    else:
        # Through clone(), which waits for any copy of the template already under way:
        # PostgreSQL refuses two copies of one template at the same time.
        path = database_server.clone(database_name(migrated_database))
    app = make_app(path)
    with app.app_context():
        load_demo_story()
        # The session lets go of its connection first, or it would stay open on the template.
        db.session.remove()
        db.engine.dispose()
    yield path
    if database_server is not None:
        database_server.retire(path)


@pytest.fixture(scope="session")
def shared_databases(database_server):
    """On PostgreSQL, one copy of each template per worker for the tests that roll back."""
    copies: dict[str, str] = {}

    def copy_of(template: str) -> str:
        if template not in copies:
            # Another connection waiting for a test's open transaction would wait for ever.
            copies[template] = database_server.create(database_name(template), lock_timeout="10s")
        return copies[template]

    yield copy_of
    for url in copies.values():
        database_server.drop(url)


@pytest.fixture(scope="session")
def shared_apps():
    return SharedApps(make_app)


@pytest.fixture
def database_path(request, migrated_database, tmp_path_factory, database_server, shared_apps):
    """This test's migrated database: on SQLite a fresh copy of the file, at the worker's
    same place; on PostgreSQL the worker's shared database inside a transaction rolled back
    at the end, or a clone of its own. The app of the previous test on it is used again.

    A test that asks for the demo starts from a copy that holds it already.
    """
    template = (
        request.getfixturevalue("demo_database")
        if "demo" in request.fixturenames
        else migrated_database
    )
    if database_server is None:
        path = tmp_path_factory.getbasetemp() / f"shared-{Path(template).stem}.sqlite"
        # Connections a test left open keep the old files; the new file has none.
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copy(template, path)
        shared_apps.share(path)
        yield path
        return
    if not needs_own_database(request.node):
        url = request.getfixturevalue("shared_databases")(template)
        shared_apps.share(url)
        with RolledBack(database_name(url)):
            yield url
        return
    url = database_server.clone(database_name(template))
    yield url
    database_server.drop_later(url)


@pytest.fixture
def empty_database(tmp_path, database_server):
    """A database without any table, for tests of the migrations themselves."""
    if database_server is None:
        yield tmp_path / "empty.sqlite"
        return
    url = database_server.create()
    yield url
    database_server.drop(url)


@pytest.fixture
def app(database_path, shared_apps, database_server):
    if not shared_apps.shared(database_path):
        app = make_app(database_path)
        yield app
        with app.app_context():
            db.engine.dispose()
        return
    app, state = shared_apps.take(database_path)
    yield app
    shared_apps.give_back(database_path, app, state, let_go=database_server is None)


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def demo(app):
    """The demo story: already in the database, which database_path copies from the demo's
    template for every test asking for it. Loading it again would write nothing, only read
    every record of the story: hundreds of tests need not pay for that."""


# Logging in ---------------------------------------------------------------------------------


def log_in(client, role: Role | str = Role.EDITOR, password: str = PASSWORD):
    """Send the login form for the user of `role`; return the answer."""
    return client.post("/login", data={"email": USERS[Role(role)], "password": password})


def logged_in(app, role: Role = Role.EDITOR):
    """A new browser logged in with `role`."""
    client = app.test_client()
    response = log_in(client, role)
    assert response.status_code == 302, response.status_code
    return client


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, role: Role | str = Role.EDITOR, password: str = PASSWORD):
        return log_in(self._client, role, password)

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def viewer(app):
    return logged_in(app, Role.VIEWER)


@pytest.fixture
def editor(app):
    return logged_in(app, Role.EDITOR)


@pytest.fixture
def admin(app):
    return logged_in(app, Role.ADMIN)
