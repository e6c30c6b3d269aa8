"""The benchmark finds every GET page by itself and says which it cannot open."""

import sys
from pathlib import Path

from conftest import make_app
from flask import Blueprint

from partnership.extensions import db

# The benchmark lives beside the package, not in it: importable from the project's folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.busy import Busy  # noqa: E402
from bench.routes import EXCLUDED, discover_pages, fill, rules_to_measure  # noqa: E402


def _pages(app):
    with app.app_context():
        try:
            with db.engine.connect() as connection:
                return discover_pages(app, Busy(app, connection))
        finally:
            db.session.remove()
            db.engine.dispose()


def test_every_get_route_is_a_page_to_measure(app, demo):
    pages = _pages(app)
    measured = {page.endpoint for page in pages}
    for rule in rules_to_measure(app):
        assert rule.endpoint in measured, f"{rule.rule} is not measured"
    assert not measured & set(EXCLUDED)
    by_name = {page.name: page for page in pages}
    # A record page opens a record that exists; the timeline has a page per filter.
    assert by_name["cities.detail"].path.startswith("/cities/")
    assert {"timeline kind=visit", "timeline q=partner", "timeline 1 row"} <= set(by_name)
    assert by_name["contacts.index 1 row"].path.startswith("/contacts/?q=")
    # The API's record address takes any text as its id: it is filled with a record's id.
    rule = next(r for r in rules_to_measure(app) if r.endpoint == "api.record")
    with app.app_context():
        try:
            with db.engine.connect() as connection:
                city_id = fill(rule, "object_id", Busy(app, connection), "cities")
        finally:
            db.session.remove()
            db.engine.dispose()
    assert isinstance(city_id, int)


def test_a_route_added_later_is_measured_or_reported(demo_database):
    app = make_app(demo_database)
    added = Blueprint("added_later", __name__)
    added.add_url_rule("/added/<int:city_id>", "city", lambda city_id: "")
    added.add_url_rule("/added/<mystery>/x", "mystery", lambda mystery: "")
    app.register_blueprint(added)
    pages = {page.endpoint: page for page in _pages(app)}
    assert pages["added_later.city"].path == f"/added/{pages['cities.detail'].path.split('/')[-1]}"
    assert pages["added_later.mystery"].path is None
    assert "cannot fill <mystery>" in pages["added_later.mystery"].problem
