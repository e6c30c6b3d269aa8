"""Engine settings that the schema relies on, whatever the database."""

import sqlite3

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from partnership.config import engine_url

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
    """Name the PostgreSQL driver and make sure the folder of a SQLite database exists."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"] = engine_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if uri.startswith("sqlite:///") and not uri.startswith("sqlite:///:memory:"):
        from pathlib import Path

        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
