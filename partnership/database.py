"""Engine settings that the schema relies on, whatever the database."""

import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from partnership.config import engine_url
from partnership.faults import ConfigurationError

SQLITE_BUSY_TIMEOUT_MS = 5000


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _connection_record) -> None:
    # SQLite ignores foreign keys unless asked on every connection; WAL lets readers and one
    # writer work at once, and the busy timeout makes a second writer wait instead of failing.
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def configure_engine(app: Flask) -> None:
    """Name the PostgreSQL driver and make sure the folder of a SQLite database exists.

    A setting that cannot work stops the start with one sentence saying why.
    """
    uri = app.config["SQLALCHEMY_DATABASE_URI"] = engine_url(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        url = make_url(uri)
        url.get_dialect().import_dbapi()
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as error:
        # The address may hold a password: name only its scheme.
        scheme = f"{uri.partition(':')[0][:40]}://" if "://" in uri else "no scheme"
        raise ConfigurationError(
            f"DATABASE_URL is not a database address this application can use "
            f"({scheme}; expected sqlite:/// or postgresql://): {error}"
        ) from None
    folder = _sqlite_folder(url)
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigurationError(
                f"Cannot create the folder of the SQLite database {folder}: {error.strerror}"
            ) from None


def _sqlite_folder(url) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    path = url.database
    if url.query.get("uri") == "true":  # sqlite:///file:/path?mode=ro&uri=true
        path = path.removeprefix("file:")
        if path.startswith(":memory:") or "mode=memory" in str(url):
            return None
    return Path(path).parent
