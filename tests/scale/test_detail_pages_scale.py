"""Pages whose related rows can be many send as many queries with 1 of them as with 30: the
partner's lists and event page, a visit's page, an event's funding page and its lists to sign.

Each page is opened on a record holding one related row of every kind, then the same record
after 29 more of each are added: a query per row would show as a difference.
"""

import pytest
from conftest import PASSWORD
from sql_counting import statements_sent

from partnership.auth.models import Role
from partnership.auth.services import create_user
from partnership.events.models import Topic
from partnership.extensions import db
from partnership.funding.models import Participant, ParticipantOrigin
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, Partnership, PartnershipKind, PartnershipStatus
from partnership.press.models import PressArticle
from partnership.visits.models import Delegation, Direction, ProgrammeItem, Visit, VisitStatus

PARTNER = "partner.scale@example.org"
MORE = 29


# Open `path` and return how many SQL statements it sent (after one warm-up visit).
queries_of = statements_sent


@pytest.fixture
def office(app):
    """A partnership with one visit holding one related row of each kind; a partner user."""
    with app.app_context():
        home = City(name="Homeburg", country_code="DE", is_home=True)
        partner_city = City(name="Partnerstadt", country_code="PL")
        partnership = Partnership(
            home_city=home,
            partner_city=partner_city,
            kind=PartnershipKind.TWINNING,
            status=PartnershipStatus.ACTIVE,
            date=parse_fuzzy_date("2020"),
        )
        db.session.add(partnership)
        db.session.flush()
        user = create_user(PARTNER, PASSWORD, Role.PARTNER, name="Partner")
        user.partnership_id = partnership.id
        db.session.commit()
        ids = {"partnership": partnership.id, "city": partner_city.id, "home": home.id}
    visit_id = add_related(app, ids, 0, 1)
    return {**ids, "visit": visit_id}


def add_related(app, ids: dict, first: int, count: int, visit_id: int | None = None) -> int:
    """Add `count` of each kind related to the partnership's visit (the visit made first)."""
    with app.app_context():
        city, home = db.session.get(City, ids["city"]), db.session.get(City, ids["home"])
        if visit_id is None:
            visit = Visit(
                title="Study trip",
                partner_city=city,
                host_city=home,
                direction=Direction.INCOMING,
                status=VisitStatus.DONE,
                date=parse_fuzzy_date("2024-05-02"),
            )
            db.session.add(visit)
        else:
            visit = db.session.get(Visit, visit_id)
        for n in range(first, first + count):
            delegation = Delegation(name=f"Guests {n}", origin_city=city)
            visit.topics.append(Topic(name=f"Topic {n}"))
            visit.programme.append(ProgrammeItem(position=n, description=f"Talk {n}"))
            db.session.add_all(
                [
                    delegation,
                    PressArticle(title=f"Report {n}", events=[visit]),
                    Visit(
                        title=f"Visit {n}",
                        partner_city=city,
                        host_city=home,
                        direction=Direction.OUTGOING,
                        status=VisitStatus.DONE,
                        date=parse_fuzzy_date(f"20{10 + n % 10}"),
                        delegation=delegation,
                    ),
                    Participant(
                        event=visit,
                        name=f"Person {n}",
                        origin=ParticipantOrigin.INTERNATIONAL,
                        sending_city=city,
                    ),
                ]
            )
        db.session.commit()
        return visit.id


def counts(app, clients: dict, pages: list[tuple[str, str]]) -> list[int]:
    return [queries_of(app, clients[who], path) for who, path in pages]


def test_pages_send_as_many_queries_with_thirty_related_rows_as_with_one(app, office, editor):
    partner = app.test_client()
    assert partner.post("/login", data={"email": PARTNER, "password": PASSWORD}).status_code == 302
    visit = office["visit"]
    pages = [
        ("partner", "/partner/"),
        ("partner", "/partner/events"),
        ("partner", "/partner/events?kind=visit"),
        ("partner", "/partner/press"),
        ("partner", "/partner/delegations"),
        ("partner", "/partner/press/new"),
        ("partner", f"/partner/events/{visit}"),
        ("editor", f"/visits/{visit}"),
        ("editor", f"/events/{visit}/funding"),
        ("editor", f"/events/{visit}/lists"),
    ]
    clients = {"partner": partner, "editor": editor}
    with_one = counts(app, clients, pages)
    add_related(app, office, 1, MORE, visit_id=visit)
    with_thirty = counts(app, clients, pages)
    assert dict(zip(pages, with_thirty, strict=True)) == dict(zip(pages, with_one, strict=True))
    # The lists show a page of rows, bounded however many the partnership has.
    assert "Visit 29" in partner.get("/partner/events").get_data(as_text=True)
    assert "Guests 29" in partner.get("/partner/delegations").get_data(as_text=True)


def test_partner_list_pages_past_the_first(app, office):
    """The portal's pager walks the partnership's rows a page at a time, none twice."""
    add_related(app, office, 1, MORE, visit_id=office["visit"])
    app.config["PAGE_SIZE"] = 10
    partner = app.test_client()
    partner.post("/login", data={"email": PARTNER, "password": PASSWORD})
    seen = []
    for page in range(1, 5):
        text = partner.get(f"/partner/delegations?page={page}").get_data(as_text=True)
        seen += [f"Guests {n}" for n in range(MORE + 1) if f"Guests {n}<" in text]
    assert sorted(seen) == sorted(f"Guests {n}" for n in range(MORE + 1))
