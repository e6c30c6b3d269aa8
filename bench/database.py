"""Databases for the benchmark: a SQLite file, or a database on a PostgreSQL server."""

import time
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bench.dataset import Size, generate
from partnership import create_app
from partnership.auth.models import Role
from partnership.auth.services import create_user
from partnership.config import engine_url
from partnership.extensions import db

LOGIN = ("bench@example.org", "bench-password-long")
CHEAP_HASH = "pbkdf2:sha256:1000"


def make_app(url: str, **overrides) -> Flask:
    """Create the app as it runs for real, but with forms that skip CSRF for scripted use."""
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench-secret",
            "WTF_CSRF_ENABLED": False,
            # A cheap hash, so that logging in does not weigh on the pages measured.
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            **overrides,
        }
    )


def fresh_database(server_url: str | None, folder: Path, name: str) -> str:
    """Return the URL of a new empty database: a file in `folder`, or one on the server."""
    if not server_url:
        path = folder / f"{name}.sqlite"
        for leftover in folder.glob(f"{name}.sqlite*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    server = make_url(engine_url(server_url))
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
    admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def build(url: str, size: Size, password_hash: str = CHEAP_HASH) -> dict:
    """Migrate the database at `url`, add the benchmark's login, fill it; say how long it took."""
    started = time.perf_counter()
    app = make_app(url, PASSWORD_HASH_METHOD=password_hash)
    with app.app_context():
        upgrade()
        create_user(LOGIN[0], LOGIN[1], Role.EDITOR, name="Benchmark")
        db.session.commit()
        with db.engine.begin() as connection:
            rows = generate(connection, size)
        # Statistics and visibility as PostgreSQL's autovacuum and SQLite's `PRAGMA optimize`
        # keep them on a database in use, not as a bulk load leaves them.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            is_postgresql = connection.dialect.name == "postgresql"
            connection.execute(text("VACUUM ANALYZE" if is_postgresql else "ANALYZE"))
        db.session.remove()
        db.engine.dispose()
    return {"rows": rows, "seconds": round(time.perf_counter() - started, 1)}
