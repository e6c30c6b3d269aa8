"""Which fault an exception reports, as the pages, the log and the command line name it."""

import errno
import sqlite3

import psycopg
import pytest
from psycopg import errors
from sqlalchemy.exc import IntegrityError, OperationalError

from partnership.faults import Fault, cause, classify


def sqlite_error(statement: str) -> sqlite3.Error:
    """Return the error SQLite itself raises for `statement`, with its result code."""
    try:
        sqlite3.connect(":memory:").execute(statement)
    except sqlite3.Error as error:
        return error
    raise AssertionError(f"{statement} did not fail")


def wrapped(driver_error: Exception) -> OperationalError:
    """Wrap a driver's exception as SQLAlchemy does, statement and values quoted."""
    return OperationalError("INSERT INTO note (text) VALUES (?)", ("read-only",), driver_error)


@pytest.mark.parametrize(
    ("error", "fault"),
    [
        (sqlite3.OperationalError("database or disk is full"), Fault.DISK_FULL),
        (sqlite3.OperationalError("attempt to write a readonly database"), Fault.READ_ONLY),
        (sqlite3.OperationalError("unable to open database file"), Fault.UNREACHABLE),
        (errors.DiskFull('could not extend file "base/1/2": No space left'), Fault.DISK_FULL),
        (errors.ReadOnlySqlTransaction("cannot execute INSERT"), Fault.READ_ONLY),
        (psycopg.OperationalError("connection failed: Connection refused"), Fault.UNREACHABLE),
        (errors.AdminShutdown("terminating connection"), Fault.UNREACHABLE),
        (OSError(errno.ENOSPC, "No space left on device"), Fault.DISK_FULL),
        (OSError(errno.EROFS, "Read-only file system"), Fault.READ_ONLY),
    ],
)
def test_each_fault_is_named_through_sqlalchemys_wrapper(error, fault):
    assert classify(error) == fault
    assert classify(wrapped(error)) == fault


def test_a_fault_raised_while_handling_another_is_still_found():
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.Error as full:
            raise RuntimeError("could not save") from full
    except RuntimeError as error:
        assert classify(error) == Fault.DISK_FULL


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed")),
        errors.UndefinedTable('relation "no_such_table" does not exist'),
        # The user's own text quoted in a statement says nothing about the database.
        wrapped(sqlite_error('SELECT 1 FROM "database or disk is full"')),
        KeyError("disk is full"),
    ],
)
def test_bugs_are_not_taken_for_faults(error):
    assert classify(error) is None


def test_the_cause_is_the_drivers_class_and_first_line():
    error = wrapped(psycopg.OperationalError("connection failed: refused\n\tIs it running?"))
    assert cause(error) == "psycopg.OperationalError: connection failed: refused"
