"""What the tests of one process share to be fast: compiled templates, and an app per database.

Making an app and compiling its templates took more time than most tests themselves. Tests on
a worker's shared database (a fresh copy of the file on SQLite, a transaction rolled back on
PostgreSQL) get the app the previous test on it used, unless that test changed the app.
"""

import copy
from collections.abc import Callable

from flask import Flask
from jinja2 import BytecodeCache

from partnership.extensions import db


class CompiledTemplates(BytecodeCache):
    """Templates compiled once per test process, for every app; a changed template anew."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = (bucket.checksum, bucket.code)


def share_compiled_templates() -> None:
    # The factory makes its own Flask object, so every app of the tests gets the cache this way.
    Flask.jinja_options = {**Flask.jinja_options, "bytecode_cache": CompiledTemplates()}


def _listeners(dispatch) -> dict[str, int]:
    return {name: len(getattr(dispatch, name)) for name in dir(dispatch) if name[0] != "_"}


def _state(app: Flask) -> tuple:
    """What a test could change about an app: its settings, routes and engine listeners."""
    with app.app_context():
        engine = db.engine
    return (
        copy.deepcopy(dict(app.config)),
        len(list(app.url_map.iter_rules())),
        _listeners(engine.dispatch),
        _listeners(engine.pool.dispatch),
    )


class SharedApps:
    """One app per shared database, handed from test to test while no test changes it."""

    def __init__(self, make_app: Callable[..., Flask]):
        self.make_app = make_app
        self.databases: set[str] = set()
        self.apps: dict[str, tuple[Flask, tuple]] = {}

    def share(self, database) -> None:
        """Let the tests on `database` share an app."""
        self.databases.add(str(database))

    def shared(self, database) -> bool:
        return str(database) in self.databases

    def take(self, database) -> tuple[Flask, tuple]:
        found = self.apps.pop(str(database), None)
        if found is not None:
            return found
        app = self.make_app(database)
        return app, _state(app)

    def give_back(self, database, app: Flask, state: tuple, let_go: bool) -> None:
        """Keep `app` for the next test unless this one changed it; `let_go` closes its
        connections (a SQLite file is copied anew under them)."""
        if let_go:
            with app.app_context():
                db.engine.dispose()
        if _state(app) == state:
            self.apps[str(database)] = (app, state)
        elif not let_go:
            with app.app_context():
                db.engine.dispose()
