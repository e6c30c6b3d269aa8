"""Test databases on either engine: SQLite files by default, PostgreSQL when one is named.

`TEST_DATABASE_URL` names a PostgreSQL server (scripts/with-postgres.sh sets it); each test then
gets its own database, cloned from a migrated template, which is much faster than migrating. The
server clones the next one and drops the last one while a test runs, so tests do not wait.
"""

import os
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from partnership.config import engine_url

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

    def create(self, template: str = "template0") -> str:
        """Create a database as a copy of `template`; return its URL."""
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
