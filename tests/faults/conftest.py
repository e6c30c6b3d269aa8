"""Fixtures for the fault tests: databases that are down, full or read-only, for real."""

import socket

import pytest
from conftest import USERS, make_app
from sqlalchemy import event, select, text
from sqlalchemy.engine import make_url

from partnership.auth.models import Role, User
from partnership.extensions import db


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on (for a moment at least)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unreachable_url() -> str:
    return f"postgresql://partnership@127.0.0.1:{free_port()}/partnership"


def logged_in_client(client, target_app):
    """Return a client of `target_app` holding the session cookie `client` logged in with."""
    moved = target_app.test_client()
    moved.set_cookie("session", client.get_cookie("session").value)
    return moved


def limit_growth(app) -> None:
    """Let the SQLite file grow by no page more: every write that needs space fails as disk full."""
    with app.app_context():

        @event.listens_for(db.engine, "connect")
        def cap(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
            cursor.close()

        db.engine.dispose()


def make_read_only(app, database_path):
    """Return an app on the same database that the database itself refuses to write through."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        read_only = f"sqlite:///file:{url.database}?mode=ro&uri=true"
        return make_app(read_only)
    with app.app_context():
        with db.engine.connect() as connection:
            connection.execute(
                text(f'ALTER DATABASE "{url.database}" SET default_transaction_read_only = on')
            )
            connection.commit()
        db.engine.dispose()
    return make_app(database_path)


@pytest.fixture
def editor_id(app):
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == USERS[Role.EDITOR]))
