"""Faults an operator meets: a database that is down, full or read-only, and bad settings.

Each is named from the exception that reports it, so that pages, logs and the command line
can say what is wrong in a sentence instead of a traceback.
"""

import errno
import sqlite3
import sys
from enum import Enum

import click
from sqlalchemy import exc as sa_exc

try:
    import psycopg
except ImportError:  # PostgreSQL is optional on a single office machine
    psycopg = None


class Fault(Enum):
    UNREACHABLE = "database unreachable"
    DISK_FULL = "disk full"
    READ_ONLY = "database read-only"


class ConfigurationError(click.ClickException, RuntimeError):
    """A setting or a folder that keeps the application from starting.

    The command line prints a ClickException as one line; gunicorn prints a RuntimeError
    raised while it loads the application as one line too.
    """


# SQLite's primary result codes (the low byte of the extended code).
_SQLITE_CODES = {13: Fault.DISK_FULL, 8: Fault.READ_ONLY, 14: Fault.UNREACHABLE}
_SQLSTATES = {"53100": Fault.DISK_FULL, "25006": Fault.READ_ONLY}
# The server went away or refuses new connections for now: shutdown, crash, starting up.
_UNREACHABLE_SQLSTATES = {"57P01", "57P02", "57P03"}
# For a SQLite error without its result code.
_MESSAGES = (
    ("database or disk is full", Fault.DISK_FULL),
    ("readonly database", Fault.READ_ONLY),
    ("unable to open database file", Fault.UNREACHABLE),
)


def _chain(error: BaseException):
    """Yield `error`, the driver's exception it wraps, and the exceptions it was raised from."""
    seen = set()
    pending = [error]
    while pending:
        current = pending.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]


def _by_message(error: BaseException) -> Fault | None:
    message = str(error).lower()
    for text, fault in _MESSAGES:
        if text in message:
            return fault
    return None


def _classify_one(error: BaseException) -> Fault | None:
    # Codes first: a message may quote a name from the statement. SQLAlchemy's wrapper is
    # never read as text, since it quotes the statement's values, which a user typed.
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return _by_message(error) if code is None else _SQLITE_CODES.get(code & 0xFF)
    if psycopg is not None and isinstance(error, psycopg.Error):
        state = error.sqlstate or ""
        if state in _SQLSTATES:
            return _SQLSTATES[state]
        # A failed connection carries no SQLSTATE; class 08 is a connection that broke.
        if isinstance(error, psycopg.OperationalError) and (
            not state or state.startswith("08") or state in _UNREACHABLE_SQLSTATES
        ):
            return Fault.UNREACHABLE
        return None
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return Fault.DISK_FULL
        if error.errno == errno.EROFS:
            return Fault.READ_ONLY
        return None
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return Fault.UNREACHABLE
    if isinstance(error, sa_exc.DisconnectionError | sa_exc.TimeoutError):
        return Fault.UNREACHABLE
    return None


def classify(error: BaseException) -> Fault | None:
    """Name the operational fault behind `error`, or None for anything else (a bug)."""
    for current in _chain(error):
        if fault := _classify_one(current):
            return fault
    return None


def cause(error: BaseException) -> str:
    """Return the driver's exception class and the first line of its message."""
    inner = getattr(error, "orig", None) or error
    kind = type(inner)
    name = (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )
    lines = str(inner).strip().splitlines()
    return f"{name}: {lines[0].strip() if lines else ''}"


_COMMAND_LINE_TEXT = {
    Fault.UNREACHABLE: "the database cannot be reached",
    Fault.DISK_FULL: "the disk is full",
    Fault.READ_ONLY: "the database is read-only",
}


_previous_hook = sys.excepthook


def _report_in_one_line(kind, error, trace) -> None:
    fault = classify(error) if isinstance(error, Exception) else None
    if fault is None:
        _previous_hook(kind, error, trace)
        return
    print(f"Error: {_COMMAND_LINE_TEXT[fault]} ({cause(error)})", file=sys.stderr)


def report_command_faults_in_one_line() -> None:
    """Make a command that dies of a known fault print one line instead of a traceback."""
    global _previous_hook
    if sys.excepthook is not _report_in_one_line:
        _previous_hook, sys.excepthook = sys.excepthook, _report_in_one_line
