"""A list page's floor includes the app's trivial page, timed by the same user right after."""

import sys
from pathlib import Path

from partnership.extensions import db
from partnership.records.entity import entity_named

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench import floor, pages  # noqa: E402
from bench.routes import Page  # noqa: E402


def test_a_list_floor_is_its_bare_rows_plus_the_trivial_page(app, editor):
    site = object.__new__(pages.Site)
    site.app, site.statements, site.clients = app, [], {"editor": editor}
    with app.app_context():
        site.engine = db.engine
        site.connection = site.engine.connect()
        try:
            rows = floor.list_floor(entity_named("cities"), "")
            found = pages.measure(site, Page("cities", "cities.index", "/cities/", floor=rows),
                                  explain=False)  # fmt: skip
        finally:
            site.connection.close()
    assert found["status"] == 200
    assert found["shell_ms"] > 0 and found["rows_floor_ms"] > 0
    assert abs(found["floor_ms"] - found["rows_floor_ms"] - found["shell_ms"]) <= 0.011
