"""Consistent copies of the database while the application keeps running, and restoring one.

SQLite uses its online backup API, which copies a consistent snapshot even while others write
(WAL mode lets them go on). PostgreSQL uses pg_dump and pg_restore, which do the same there.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """The backup or restore cannot be done; the message says why."""


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("An in-memory database cannot be backed up.")
    return Path(parsed.database)


def _check_sqlite_copy(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as copy:
            if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (integrity check failed).")
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a database of this application: {error}") from error
    if "alembic_version" not in tables or "event" not in tables:
        raise BackupError(f"{path} is not a database of this application.")


def backup(url: str, target: Path) -> None:
    """Write a consistent copy of the database at `url` to `target`."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    if (source_path := _sqlite_path(url)) is not None:
        temporary = target.with_name(target.name + ".part")
        with sqlite3.connect(source_path) as source, sqlite3.connect(temporary) as copy:
            source.backup(copy)
        _check_sqlite_copy(temporary)
        temporary.rename(target)
        return
    _run_pg("pg_dump", "--format=custom", "--no-owner", f"--file={target}", _pg_url(url))


def restore(url: str, source: Path) -> None:
    """Replace the database at `url` with the backup in `source`."""
    source = Path(source)
    if not source.exists():
        raise BackupError(f"{source} does not exist.")
    if (target_path := _sqlite_path(url)) is not None:
        _check_sqlite_copy(source)
        with sqlite3.connect(source) as backup_copy, sqlite3.connect(target_path) as live:
            backup_copy.backup(live)
        return
    _run_pg(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        f"--dbname={_pg_url(url)}",
        str(source),
    )


def _pg_url(url: str) -> str:
    # pg_dump speaks libpq URLs, which do not name a Python driver.
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run_pg(tool: str, *args: str) -> None:
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is needed for a PostgreSQL database; install postgresql-client.")
    result = subprocess.run([tool, *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
