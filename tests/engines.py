"""Test databases on either engine: SQLite files by default, PostgreSQL when one is named.

`TEST_DATABASE_URL` names a PostgreSQL server (scripts/with-postgres.sh sets it). Most tests
there share one database per worker and template, and every write of a test happens inside
one transaction that is rolled back at its end (`RolledBack`): far cheaper than a database
per test. A test that needs commits other connections see gets a database of its own, cloned
from a migrated template; the server clones the next one and drops the last one while a test
runs, so tests do not wait.
"""

import os
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor

from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from partnership.config import engine_url
from partnership.extensions import db

SERVER_URL = os.environ.get("TEST_DATABASE_URL", "")
COPY_ATTEMPTS = 25
ON_POSTGRESQL = bool(SERVER_URL)


class PostgreSQLServer:
    """Create and drop whole databases on one server, named so parallel runs do not clash."""

    def __init__(self, url: str):
        self.url = make_url(engine_url(url))
        self.engine = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="databases")
        self._next: dict[str, Future] = {}

    def create(self, template: str = "template0", **settings: str) -> str:
        """Create a database as a copy of `template`, with `settings` for every connection to
        it; return its URL."""
        name = f"partnership_test_{os.getpid()}_{uuid.uuid4().hex[:12]}"
        for attempt in range(COPY_ATTEMPTS):
            try:
                self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                break
            except OperationalError as error:
                # A template is copied only while nobody is connected to it; a connection
                # that is just closing (or a server's own worker) lets go a moment later.
                if (
                    "being accessed by other users" not in str(error)
                    or attempt + 1 == COPY_ATTEMPTS
                ):
                    raise
                time.sleep(0.2)
        for setting, value in settings.items():
            self._execute(f"ALTER DATABASE \"{name}\" SET {setting} = '{value}'")
        return self.url.set(database=name).render_as_string(hide_password=False)

    def clone(self, template: str) -> str:
        """Return a fresh copy of `template`, and start copying the next one meanwhile."""
        ready = self._next.pop(template, None)
        url = ready.result() if ready else self.create(template)
        self._next[template] = self._background.submit(self.create, template)
        return url

    def drop_later(self, url: str) -> None:
        """Drop the database of `url` in the background."""
        self._background.submit(self.drop, url)

    def drop(self, url: str) -> None:
        """Drop the database of `url`, closing any connection a test left open."""
        self._execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def _execute(self, statement: str) -> None:
        with self.engine.connect() as connection:
            connection.execute(text(statement))

    def retire(self, template_url: str) -> None:
        """Drop a template database and the copy of it made in advance."""
        ready = self._next.pop(make_url(template_url).database, None)
        if ready:
            self.drop(ready.result())
        self.drop(template_url)

    def close(self) -> None:
        """Wait for the background work and drop the copies no test took."""
        for ready in self._next.values():
            self._background.submit(self.drop, ready.result())
        self._background.shutdown(wait=True)
        self.engine.dispose()


def database_name(url: str) -> str:
    return make_url(url).database


class RolledBack:
    """One test's connection to a shared database, in a transaction rolled back at its end.

    Every session of the test, in any app on that database, joins this transaction: a commit
    only releases a savepoint, so the test reads its own writes and leaves nothing behind.
    """

    current: "RolledBack | None" = None

    def __init__(self, database: str):
        self.database = database
        self.connection: Connection | None = None

    def __enter__(self) -> "RolledBack":
        RolledBack.current = self
        return self

    def __exit__(self, *_exc) -> None:
        RolledBack.current = None
        if self.connection is not None:
            self.connection.rollback()
            self.connection.close()

    def bind_for(self, engine: Engine) -> Engine | Connection:
        """The test's connection for an engine on the shared database; other engines as they are."""
        if engine.url.database != self.database:
            return engine
        if self.connection is None:
            self.connection = engine.connect()
            # Closed for good at the end, not handed back to a pool its app may have disposed.
            self.connection.detach()
            self.connection.begin()
            event.listen(self.connection, "savepoint", _end_other_sessions)
            event.listen(self.connection, "release_savepoint", _plain_statements)
            event.listen(self.connection, "rollback_savepoint", _plain_statements)
        return self.connection


def _plain_statements(connection: Connection, *_args) -> None:
    # A session may stream its rows (`yield_per` on the connection); on a connection the test
    # keeps, that would carry over to the savepoint statements and the next session.
    connection.execution_options(yield_per=0, stream_results=False)


def _end_other_sessions(connection: Connection, _name) -> None:
    # A session that begins ends the savepoints other sessions left open, keeping what they
    # wrote: with a connection each, an unread download's session (closed whenever the garbage
    # collector gets to it) would not undo what later requests wrote, nor fail on their
    # savepoints; on one connection its rollback would.
    _plain_statements(connection)
    while (left_open := connection.get_nested_transaction()) is not None:
        left_open.commit()


class JoiningSession(FlaskSession):
    """The app's session, joining the running test's transaction when there is one."""

    def get_bind(self, *args, **kwargs):
        bind = super().get_bind(*args, **kwargs)
        test = RolledBack.current
        return test.bind_for(bind) if test is not None and isinstance(bind, Engine) else bind


def join_test_transactions():
    """Make `db.session` join each test's transaction; return a function that undoes it."""
    original = db.session
    db.session = db._make_scoped_session(
        {"class_": JoiningSession, "join_transaction_mode": "create_savepoint"}
    )

    def undo():
        db.session = original

    return undo
