"""The benchmark stops a page at work after its budget, also one built whole before answering."""

import sys
import time
from pathlib import Path

from conftest import make_app
from flask import Blueprint

from partnership.auth import access
from partnership.extensions import db

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench import pages  # noqa: E402
from bench.routes import Page  # noqa: E402


def test_a_page_over_its_budget_is_cut_off_and_the_next_one_answers(demo_database, monkeypatch):
    app = make_app(demo_database)
    slow = Blueprint("slow_for_test", __name__)

    def built_whole():
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # Python at work, as a template rendering rows
            sum(range(1000))
        return "never"

    slow.add_url_rule("/slow", "slow", built_whole)
    slow.add_url_rule("/quick", "quick", lambda: "quick")
    app.register_blueprint(slow)
    site = object.__new__(pages.Site)
    site.app = app
    with app.app_context():
        site.engine = db.engine
    site.clients = {"public": app.test_client()}
    monkeypatch.setattr(pages, "PAGE_BUDGET", 0.5)
    open_pages = {*access.PUBLIC_ENDPOINTS, "slow_for_test.slow", "slow_for_test.quick"}
    monkeypatch.setattr(access, "PUBLIC_ENDPOINTS", open_pages)
    seconds, _status, size = site.get(Page("slow", "slow", "/slow"), "public")
    assert size == -1 and 0.5 <= seconds < 3, (_status, size, seconds)
    seconds, status, size = site.get(Page("quick", "quick", "/quick"), "public")
    assert (status, size) == (200, len("quick")) and seconds < 0.5
