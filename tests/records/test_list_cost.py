"""A list page costs as many statements for one row as for a page of them, with or without a
search word, and a long search text finds its one record (on PostgreSQL by its most telling
words, held whole)."""

from datetime import date, timedelta

from sql_counting import statements_and_body
from sql_counting import statements_sent as statements

from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, CityName, Organisation, OrganisationKind
from partnership.records.entity import with_pages
from partnership.visits.models import Delegation, Direction, Visit


def add_visits(app, titles: list[str], city_id: int | None = None) -> None:
    with app.app_context():
        for n, title in enumerate(titles):
            visit = Visit(title=title, direction=Direction.INCOMING, partner_city_id=city_id)
            visit.date = parse_fuzzy_date((date(2024, 3, 1) + timedelta(days=n)).isoformat())
            db.session.add(visit)
        db.session.commit()


def test_a_searched_list_sends_as_many_statements_for_one_row_as_for_a_page(
    app, editor, demo, monkeypatch
):
    add_visits(app, [f"Trip {n} with partner city" for n in range(6)])
    differing = {}
    for entity in with_pages():
        path = f"/{entity.name}/?q=partner"
        monkeypatch.setitem(app.config, "PAGE_SIZE", 1)
        one = statements(app, editor, path)
        monkeypatch.setitem(app.config, "PAGE_SIZE", 5)
        page = statements(app, editor, path)
        if one != page:
            differing[path] = (one, page)
    assert differing == {}


def test_a_long_title_finds_its_one_event_and_a_city_its_events(app, editor):
    with app.app_context():
        city = City(name="Lutsk", country_code="UA", names=[CityName("Lutsk")])
        db.session.add(city)
        db.session.commit()
        city_id = city.id
    add_visits(app, [f"Visit {n}: culture with partner city 7" for n in range(1, 13)])
    add_visits(app, ["Study trip"], city_id=city_id)
    html = editor.get("/visits/?q=Visit 11: Culture with partner city 7").get_data(as_text=True)
    assert ">Visit 11: culture with partner city 7</a>" in html
    assert ">Visit 1: culture with partner city 7</a>" not in html
    # Every word is there, but not as one text: not found.
    missing = editor.get("/visits/?q=city 7 with culture 11").get_data(as_text=True)
    assert "Visit 11:" not in missing
    by_city = editor.get("/visits/?q=lutsk").get_data(as_text=True)
    assert ">Study trip</a>" in by_city and "Visit 11:" not in by_city


def test_delegations_from_organisations_cost_as_many_statements_for_one_as_for_a_page(
    app, editor, monkeypatch
):
    with app.app_context():
        for n in range(5):
            club = Organisation(name=f"Youth club {n}", kind=OrganisationKind.OTHER)
            db.session.add(Delegation(name=f"Club delegation {n}", origin_organisation=club))
        db.session.commit()
    monkeypatch.setitem(app.config, "PAGE_SIZE", 1)
    one = statements(app, editor, "/delegations/")
    monkeypatch.setitem(app.config, "PAGE_SIZE", 5)
    page, body = statements_and_body(app, editor, "/delegations/")
    assert one == page
    assert all(f"<td>Youth club {n}</td>" in body.decode() for n in range(5))
