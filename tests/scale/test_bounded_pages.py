"""Pages stay bounded as the office grows: the SQL a page sends does not grow with the rows it
shows, and a form does not grow with the records its pickers could choose from."""

from datetime import date

import pytest
from sql_counting import statements_and_body

from partnership.agreements.models import Agreement, AgreementKind, AgreementParty
from partnership.events.models import Topic
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, Organisation
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Delegation, Direction, Visit

LISTS = ("/agreements/", "/visits/", "/press/", "/topics/", "/delegations/", "/")
FORMS = (
    "/press/new",
    "/visits/new",
    "/visits/record",
    "/agreements/new",
    "/delegations/new",
)


def add_office(count: int) -> None:
    """Add `count` linked records of each kind the list pages show."""
    batch = f"{count}-"
    cities = [City(name=f"Partner {batch}{n}", country_code="UA") for n in range(count)]
    organisations = [
        Organisation(name=f"Organisation {batch}{n}", kind="NGO") for n in range(count)
    ]
    db.session.add_all(cities + organisations)
    db.session.flush()
    topics = [Topic(name=f"Topic {batch}{n}") for n in range(count)]
    contacts = [Contact(name=f"Person {batch}{n}", city_id=cities[n].id) for n in range(count)]
    delegations = [Delegation(name=f"Delegation of {c.name}", origin_city_id=c.id) for c in cities]
    db.session.add_all(topics + contacts + delegations)
    db.session.flush()
    for n in range(count):
        visit = Visit(
            title=f"Visit {n}",
            direction=Direction.INCOMING,
            partner_city_id=cities[n].id,
            delegation_id=delegations[n].id,
            topics=[topics[n]],
        )
        visit.date = parse_fuzzy_date(f"{1 + n % 28:02d}.03.2024")
        agreement = Agreement(
            title=f"Agreement {n}",
            agreement_kind=AgreementKind.CHARTER,
            partner_city_id=cities[n].id,
            topics=[topics[n]],
            parties=[
                AgreementParty(city_id=cities[n].id),
                AgreementParty(organisation_id=organisations[n].id),
            ],
        )
        agreement.date = parse_fuzzy_date(f"{1 + n % 28:02d}.04.2024")
        db.session.add_all([visit, agreement])
        db.session.flush()
        agreement.signed_during_id = visit.id
        article = PressArticle(title=f"Article {n}", published_on=date(2024, 5, 1))
        article.events = [visit, agreement]
        db.session.add(article)
    db.session.commit()


def add_choices(count: int) -> None:
    """Add `count` records of each kind a form's pickers choose from, in bulk: a form never
    reads them all, so their links do not matter here."""
    tables = db.metadata.tables
    # Ids and names of their own for each call: the test adds a few, then many more.
    rows = range(1000 * count + 1, 1000 * count + count + 1)
    with db.session.begin():
        insert = db.session.execute
        cities = [{"id": n, "name": f"Town {n}", "country_code": "PL"} for n in rows]
        insert(tables["city"].insert(), cities)
        insert(
            tables["organisation"].insert(), [{"name": f"Club {n}", "kind": "NGO"} for n in rows]
        )
        insert(
            tables["topic"].insert(),
            [{"name": f"Theme {n}", "search_text": f"theme {n}"} for n in rows],
        )
        insert(
            tables["contact"].insert(),
            [{"name": f"Someone {n}", "search_text": f"someone {n}"} for n in rows],
        )
        insert(
            tables["delegation"].insert(),
            [{"id": n, "name": f"Group {n}", "search_text": f"group {n}"} for n in rows],
        )
        insert(
            tables["event"].insert(),
            [
                {"id": n, "kind": "visit", "title": f"Trip {n}", "search_text": f"trip {n}"}
                for n in rows
            ],
        )
        insert(
            tables["visit"].insert(),
            [{"id": n, "direction": "incoming", "status": "done", "occasion": ""} for n in rows],
        )


def sent_sql(app, client, path: str) -> tuple[int, int]:
    """Open `path` and return how many SQL statements it sent and the size of its HTML."""
    count, body = statements_and_body(app, client, path)
    return count, len(body)


@pytest.fixture
def measured(app, editor):
    def measure(count: int, paths, add=add_office) -> dict[str, tuple[int, int]]:
        with app.app_context():
            add(count)
            db.session.remove()
        return {path: sent_sql(app, editor, path) for path in paths}

    return measure


def test_lists_send_as_many_queries_for_30_rows_as_for_one(measured):
    one = measured(1, LISTS)
    thirty = measured(29, LISTS)
    assert {path: q for path, (q, _) in thirty.items()} == {path: q for path, (q, _) in one.items()}
    # The rows are shown: the agreements' list names every party without asking per row.
    assert thirty["/agreements/"][1] > one["/agreements/"][1]


def test_forms_do_not_grow_with_the_records_they_can_choose(measured):
    few = measured(5, FORMS, add_choices)
    many = measured(200, FORMS, add_choices)
    for path in FORMS:
        (few_queries, few_size), (many_queries, many_size) = few[path], many[path]
        assert many_queries == few_queries, path
        # The same form, give or take a number's digits in a token or a hint.
        assert abs(many_size - few_size) < 200, (path, few_size, many_size)
