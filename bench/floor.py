"""Floors: the fastest honest way to show the same rows as a list page.

A floor fetches the page's rows with bare SQL (same filter, same order, LIMIT one page, no
count) and renders them with a plain Jinja template, no macros or helpers. To that the
benchmark adds the app's trivial page (bench/pages.py), timed right after the page by the same
user: no page of the app can answer without passing the session check and drawing the layout.
A list page is held to a small multiple of the floor measured in the same run.
"""

from collections.abc import Callable

from jinja2 import Environment
from sqlalchemy import Connection, text

from bench import baseline

PAGE_SIZE = baseline.PAGE_SIZE
PLAIN = Environment(autoescape=True).from_string(
    "<table>{% for row in rows %}<tr>{% for value in row %}<td>{{ value }}</td>{% endfor %}"
    "</tr>{% endfor %}</table>"
)


def list_floor(entity, term: str) -> Callable[[Connection], str]:
    """The list's own query (its filter and order) cut to one page, rendered plainly."""

    def run(connection: Connection) -> str:
        statement = entity.list_query(term).limit(PAGE_SIZE)
        compiled = statement.compile(dialect=connection.dialect)
        rows = connection.exec_driver_sql(str(compiled), _parameters(compiled, connection)).all()
        return PLAIN.render(rows=rows)

    return run


def _parameters(compiled, connection):
    if connection.dialect.paramstyle in ("qmark", "numeric"):
        return tuple(compiled.params[name] for name in compiled.positiontup)
    return compiled.params


def timeline_floor(filters: dict, page: int = 1) -> Callable[[Connection], str]:
    """One timeline page: its events with city, topics and press, rendered plainly."""

    def run(connection: Connection) -> str:
        rows = baseline.timeline_rows(connection, page, **filters)
        topics, press = baseline.event_links(connection, [row.id for row in rows])
        return PLAIN.render(rows=rows) + PLAIN.render(rows=topics) + PLAIN.render(rows=press)

    return run


def run_sql(connection: Connection, sql: str, **params):
    return connection.execute(text(sql), params).all()


def download_floor(area: str) -> Callable[[Connection], str]:
    """A list's download: its own statement as bare SQL (the listed table's columns, no related
    rows), every row through the product's CSV writer."""
    from partnership.csvfile import csv_lines
    from partnership.exports.lists import list_export

    def run(connection: Connection) -> str:
        export = list_export(area)
        compiled = export.select("").compile(dialect=connection.dialect)
        rows = connection.exec_driver_sql(str(compiled), _parameters(compiled, connection))
        return _written(csv_lines(export.header, rows))

    return run


def timeline_download_floor(connection: Connection) -> str:
    """The timeline's download: every event with its city, topics and press in one statement,
    through the product's CSV writer."""
    from bench.export import bare_sql
    from partnership.csvfile import csv_lines

    rows = connection.exec_driver_sql(bare_sql(connection.dialect.name))
    return _written(csv_lines([], rows))


def _written(pieces) -> str:
    size = 0
    for piece in pieces:
        size += len(piece)
    return str(size)
