"""Operator commands that meet a fault say what is wrong in one line, without a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import free_port, unreachable_url

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(command: list[str], timeout: int = 60, **settings) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "DATABASE_URL"))}
    env = {**env, "SECRET_KEY": "operator-test", **settings}
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=timeout,
        check=False,
    )


def flask(*args: str, **settings) -> subprocess.CompletedProcess:
    return run([str(BIN / "flask"), "--app", "partnership", *args], **settings)


def assert_one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, result.stderr
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


def test_upgrade_of_an_unreachable_server_says_it_cannot_be_reached():
    result = flask("db", "upgrade", DATABASE_URL=unreachable_url())
    assert_one_line(result, "the database cannot be reached", "Connection refused")


def test_upgrade_of_a_sqlite_file_that_cannot_be_opened_says_so(tmp_path):
    # A folder where the file should be is what a wrong path or a missing mount looks like.
    (tmp_path / "partnership.sqlite").mkdir()
    result = flask("db", "upgrade", DATABASE_URL=f"sqlite:///{tmp_path}/partnership.sqlite")
    assert_one_line(result, "the database cannot be reached", "unable to open database file")


def test_upgrade_where_the_database_folder_cannot_be_made_says_so(tmp_path):
    (tmp_path / "data").write_text("a file, not a folder")
    result = flask("db", "upgrade", DATABASE_URL=f"sqlite:///{tmp_path}/data/partnership.sqlite")
    assert_one_line(result, "Cannot create the folder of the SQLite database", str(tmp_path))


def test_upgrade_of_a_read_only_database_says_it_is_read_only(tmp_path):
    database = tmp_path / "partnership.sqlite"
    database.touch()
    url = f"sqlite:///file:{database}?mode=ro&uri=true"
    assert_one_line(flask("db", "upgrade", DATABASE_URL=url), "the database is read-only")


@pytest.mark.parametrize(
    "url",
    [
        "mysql://office:hunter2-secret@db.example.org/partnership",
        "postgres//office:hunter2-secret@x",
    ],
)
def test_a_bad_database_url_is_named_without_its_password(url):
    line = assert_one_line(flask("db", "upgrade", DATABASE_URL=url), "DATABASE_URL")
    assert "hunter2-secret" not in line


def test_starting_without_a_secret_key_or_a_writable_instance_folder_says_what_to_do(tmp_path):
    blocked = tmp_path / "instance"
    blocked.write_text("a file where the instance folder should be")
    result = flask("run", "--port", str(free_port()), SECRET_KEY=None, INSTANCE_PATH=str(blocked))
    assert_one_line(result, "secret key", "SECRET_KEY", str(blocked))


def test_with_a_secret_key_the_instance_folder_must_still_hold_the_database(tmp_path):
    blocked = tmp_path / "instance"
    blocked.write_text("a file where the instance folder should be")
    result = flask("db", "upgrade", INSTANCE_PATH=str(blocked))
    assert_one_line(result, "Cannot create the folder of the SQLite database")
