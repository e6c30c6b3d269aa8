"""Fixtures: an app on a migrated SQLite database per test, users of every role, the demo."""

import shutil

import pytest
from flask_migrate import upgrade

from partnership import create_app
from partnership.auth.models import Role
from partnership.auth.services import create_user
from partnership.demo.story import load_demo_story
from partnership.extensions import db

PASSWORD = "correct horse battery"
USERS = {role: f"{role.value}@example.org" for role in Role}


def make_app(database_path, **overrides):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database_path}",
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
        # A cheap hash keeps the many logins of the suite fast; production uses scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        **overrides,
    }
    return create_app(config)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """Build the schema once through the migrations; each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("schema") / "migrated.sqlite"
    app = make_app(path)
    with app.app_context():
        upgrade()
        for role, email in USERS.items():
            create_user(email, PASSWORD, role, name=f"{role.value.title()} User")
        db.session.commit()
        db.engine.dispose()
    return path


@pytest.fixture
def database_path(migrated_database, tmp_path):
    path = tmp_path / "test.sqlite"
    shutil.copy(migrated_database, path)
    return path


@pytest.fixture
def app(database_path):
    app = make_app(database_path)
    yield app
    with app.app_context():
        db.engine.dispose()


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
    with app.app_context():
        load_demo_story()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, role: Role | str = Role.EDITOR, password: str = PASSWORD):
        return self._client.post("/login", data={"email": USERS[Role(role)], "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)
