"""The timeline at any size: its pager counts up to a cap, today's marker is placed without
counting every past event, and the text filter asks as many questions for a common word as for
a rare one. The caps are lowered here, so a few events stand for a large office."""

from datetime import date

import pytest
from conftest import PASSWORD, USERS, make_app
from scale.test_list_paging import statements_sent
from timeline.timeline_helpers import add_milestone, page

from partnership.auth.models import Role
from partnership.events import queries as event_queries
from partnership.extensions import db
from partnership.records import paging

PAST = 10  # two pages of five: today's marker opens the third page


@pytest.fixture
def office(database_path, monkeypatch):
    """Five entries a page, counting stops past 8, a word in 4 events is a common one."""
    monkeypatch.setattr(paging, "COUNT_CAP", 8)
    monkeypatch.setattr(event_queries, "DENSE", 4)
    app = make_app(database_path, PAGE_SIZE=5)
    next_year = date.today().year + 1
    with app.app_context():
        for year in range(2010, 2010 + PAST):
            add_milestone(f"Meeting {year}", str(year))
        for year in range(next_year, next_year + 3):
            add_milestone(f"Planned {year}", str(year))
    client = app.test_client()
    client.post("/login", data={"email": USERS[Role.VIEWER], "password": PASSWORD})
    yield app, client
    with app.app_context():
        db.engine.dispose()


def test_pager_stops_counting_at_the_cap_and_the_marker_opens_the_right_page(office):
    _app, client = office
    pages = [page(client.get("/timeline/", query_string={"page": n})) for n in (1, 2, 3)]

    first = client.get("/timeline/").get_data(as_text=True)
    assert "Page 1 (more than 8 in all)" in first
    assert "Later →" in first
    assert [shown.titles for shown in pages[:2]] == [
        [f"Meeting {year}" for year in range(2010, 2015)],
        [f"Meeting {year}" for year in range(2015, 2020)],
    ]
    # Page 2 ends with the last past event: the marker is not there but opens page 3.
    assert pages[0].markers == pages[1].markers == []
    assert [item for item in pages[2].sequence() if not item.startswith("YEAR")][:2] == [
        "TODAY",
        f"Planned {date.today().year + 1}",
    ]
    # Under the cap the count is exact again.
    narrow = client.get("/timeline/", query_string={"q": "Planned"}).get_data(as_text=True)
    assert "Showing 3 events matching the filters." in narrow


def test_text_filter_asks_as_much_for_a_common_word_as_for_a_rare_one(office):
    app, client = office
    common = "/timeline/?q=Meeting"  # ten events: more than the index is asked for
    rare = "/timeline/?q=Meeting+2013"

    assert page(client.get(common)).titles == [f"Meeting {year}" for year in range(2010, 2015)]
    assert page(client.get(rare)).titles == ["Meeting 2013"]
    assert statements_sent(app, client, common) == statements_sent(app, client, rare)
    # The whole timeline's first page asks no more than a filtered one.
    assert statements_sent(app, client, "/timeline/") <= statements_sent(app, client, rare)
