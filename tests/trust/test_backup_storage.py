"""SQLite settings the data relies on, and consistent backups taken while the app writes."""

import sqlite3
import threading
import time

import pytest
from engines import ON_POSTGRESQL
from sqlalchemy import func, select, text

from partnership.events.models import Milestone, MilestoneKind
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City

pytestmark = pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's files and its backup API")


def milestones(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Milestone))


def rows_in_copy(path, table: str) -> int:
    with sqlite3.connect(path) as copy:
        return copy.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(app_ctx):
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_foreign_keys_are_enforced(app_ctx):
    with db.engine.connect() as connection, pytest.raises(Exception, match="FOREIGN KEY"):
        connection.execute(
            text(
                "INSERT INTO city_name (city_id, language, name, search_key) "
                "VALUES (99999, '', 'x', 'x')"
            )
        )


class MilestoneWriter(threading.Thread):
    """Keeps adding milestones through the ORM, one transaction each, until told to stop."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app = app
        self.stop = threading.Event()
        self.written = 0
        self.errors: list[BaseException] = []

    def run(self):
        try:
            with self.app.app_context():
                while not self.stop.is_set():
                    db.session.add(
                        Milestone(
                            title=f"Written during the backup {self.written}",
                            milestone_kind=MilestoneKind.MEETING,
                            date=parse_fuzzy_date("2024"),
                        )
                    )
                    db.session.commit()
                    self.written += 1
                db.session.remove()
        except BaseException as error:  # reported by the test, not lost in the thread
            self.errors.append(error)


def test_backup_while_the_app_writes_is_a_consistent_copy(app, runner, tmp_path):
    target = tmp_path / "backup.sqlite"
    before = milestones(app)
    writer = MilestoneWriter(app)
    writer.start()
    try:
        time.sleep(0.7)
        result = runner.invoke(args=["backup", str(target)])
        time.sleep(0.7)
    finally:
        writer.stop.set()
        writer.join(timeout=10)
    after = milestones(app)

    assert not writer.errors, writer.errors
    assert result.exit_code == 0, result.output
    assert f"Backup written to {target}" in result.output
    assert writer.written > 5 and after == before + writer.written
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
    copied = rows_in_copy(target, "milestone")
    assert before <= copied <= after
    # A milestone is a row in `event` and one in `milestone`: the copy holds no half of one.
    with sqlite3.connect(target) as copy:
        orphans = copy.execute(
            "SELECT count(*) FROM milestone LEFT JOIN event ON event.id = milestone.id "
            "WHERE event.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0


def test_backup_refuses_to_overwrite_a_file(runner, tmp_path):
    target = tmp_path / "taken.sqlite"
    target.write_text("precious")

    result = runner.invoke(args=["backup", str(target)])

    assert result.exit_code != 0
    assert "exists already" in result.output
    assert target.read_text() == "precious"


def add_city(app, name: str) -> None:
    with app.app_context():
        db.session.add(City(name=name, country_code="UA"))
        db.session.commit()


def city_names(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(City.name)))


def test_restore_brings_back_the_backed_up_data(app, runner, tmp_path):
    add_city(app, "Kept in the backup")
    target = tmp_path / "backup.sqlite"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    add_city(app, "Added after the backup")

    result = runner.invoke(args=["restore", str(target), "--yes"])

    assert result.exit_code == 0, result.output
    assert f"Restored the database from {target}" in result.output
    names = city_names(app)
    assert "Kept in the backup" in names and "Added after the backup" not in names


def test_restore_asks_for_confirmation(app, runner, tmp_path):
    target = tmp_path / "backup.sqlite"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    add_city(app, "Added after the backup")

    result = runner.invoke(args=["restore", str(target)])

    assert result.exit_code != 0
    assert "--yes" in result.output
    assert "Added after the backup" in city_names(app)


@pytest.mark.parametrize("content", ["text", "another database", "missing"])
def test_restoring_something_else_fails_clearly_and_keeps_the_data(app, runner, tmp_path, content):
    add_city(app, "Still here")
    source = tmp_path / "not-a-backup.sqlite"
    if content == "text":
        source.write_text("name,country\nLviv,UA\n")
    elif content == "another database":
        with sqlite3.connect(source) as other:
            other.execute("CREATE TABLE notes (body TEXT)")

    result = runner.invoke(args=["restore", str(source), "--yes"])

    assert result.exit_code != 0
    expected = "does not exist" if content == "missing" else "is not a database of this application"
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert "Still here" in city_names(app)
