"""The search box in the header: every described kind of record, grouped, linked to its page."""

import re

from pages.helpers import page
from sqlalchemy import select

from partnership.agreements.models import Agreement
from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.partners.models import City, Organisation
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.records.entity import entities
from partnership.search.queries import searched_kinds
from partnership.visits.models import Delegation, Visit

AGREEMENT = "Cooperation agreement with the Zhytomyr Volunteer Headquarter"
DELEGATION = "Delegation of Dortmund to Zhytomyr, June 2023"


def ids(app, model, **filters) -> int:
    with app.app_context():
        return db.session.scalars(select(model.id).filter_by(**filters)).one()


def headings(response) -> list[str]:
    return re.findall(r"<h2 id=\"hits-\d+\">([^<(]+) \(", response.text)


def test_every_searchable_description_is_a_group_in_the_order_of_the_menus(app):
    with app.app_context():
        searchable = {
            str(entity.plural)
            for entity in entities()
            if entity.search_detail is not None and not issubclass(entity.model, Event)
        }
        labels = [str(kind.label) for kind in searched_kinds()]
    assert set(labels) == searchable | {"Events"}
    assert labels == [
        "Events",
        "Press articles",
        "Cities",
        "Organisations",
        "Contacts",
        "Delegations",
        "Grants",
    ]


def test_one_query_finds_records_of_every_kind_and_links_to_their_pages(app, client, auth, demo):
    auth.login("viewer")
    response = client.get("/search/", query_string={"q": "Dortmund"})
    assert response.status_code == 200
    assert headings(response) == [
        "Events",
        "Press articles",
        "Cities",
        "Organisations",
        "Contacts",
        "Delegations",
    ]
    found = page(response)
    visit = ids(app, Visit, title="Delegation from Zhytomyr visits Dortmund")
    agreement = ids(app, Agreement, title=AGREEMENT)
    for href in (
        f"/visits/{visit}",
        f"/agreements/{agreement}",
        f"/press/{ids(app, PressArticle, title='Delegation aus Schytomyr besucht Dortmund')}",
        f"/cities/{ids(app, City, name='Dortmund')}",
        f"/organisations/{ids(app, Organisation, name='City of Dortmund')}",
        f"/contacts/{ids(app, Contact, name='Barbara Brunsing')}",
        f"/delegations/{ids(app, Delegation, name=DELEGATION)}",
    ):
        assert found.links_to(href), href
    assert "Visit · 24–29 September 2023" in found.text
    assert "Agreement · 24–29 September 2023" in found.text
    assert "City of Dortmund city administration" in re.sub(r"\s+", " ", found.text)


def test_a_city_is_found_under_its_other_names_and_grants_by_their_title(app, client, auth, demo):
    auth.login("viewer")
    found = page(client.get("/search/", query_string={"q": "Житомир"}))
    assert found.links_to(f"/cities/{ids(app, City, name='Zhytomyr')}")
    grants = client.get("/search/", query_string={"q": "Zhytomyr delegation"})
    with app.app_context():
        grant = db.session.scalars(select(Grant)).first()
    assert page(grants).links_to(f"/grants/{grant.id}")
    assert "Grants" in headings(grants)


def test_no_query_and_no_match_say_so(client, auth):
    auth.login("viewer")
    assert "Type a name" in client.get("/search/").text
    nothing = client.get("/search/", query_string={"q": "qqxxzz-nothing"})
    assert "Nothing matches" in nothing.text
    assert headings(nothing) == []
