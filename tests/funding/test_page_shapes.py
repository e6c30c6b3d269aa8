"""An event's pages send the same queries whatever the event holds: a visit with a delegation
(head, members), another host city, grants with funders and programmes, receipts and
participants known as contacts, and a bare visit with none of these.

The benchmark opens the busiest record on its small and large data; records of other shapes
must not make the count differ (and two grants or members must not cost a query each).
"""

from datetime import date
from decimal import Decimal

import pytest
from sql_counting import statements_sent as queries_of

from partnership.extensions import db
from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Grant,
    GrantEvent,
    Participant,
    ParticipantOrigin,
    Programme,
)
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.people.models import Contact
from partnership.visits.models import Delegation, DelegationMember, Direction, Visit

PAGES = ("/visits/{id}", "/events/{id}/funding", "/events/{id}/lists", "/events/{id}/lists.pdf")


def _grant(reference: str, funder: Organisation, programme: Programme) -> Grant:
    grant = Grant(reference=reference, funder=funder, programme=programme, currency="EUR")
    grant.budget_lines = [BudgetLine(name="Travel", planned_amount=Decimal("900.00"))]
    return grant


@pytest.fixture
def visits(app) -> dict[str, int]:
    """A visit holding two of every optional kind, and a bare one."""
    with app.app_context():
        home = City(name="Homeburg", country_code="DE", is_home=True)
        lviv = City(name="Lviv", country_code="UA")
        bare = Visit(
            title="Bare visit",
            direction=Direction.INCOMING,
            partner_city=lviv,
            date=parse_fuzzy_date("2024"),
        )
        people = [Contact(name=f"Person {n}", city=lviv) for n in range(3)]
        delegation = Delegation(name="Guests", origin_city=lviv, head=people[0])
        delegation.members = [DelegationMember(contact=c, role="guest") for c in people[1:]]
        full = Visit(
            title="Full visit",
            direction=Direction.INCOMING,
            partner_city=lviv,
            host_city=home,
            delegation=delegation,
            date=parse_fuzzy_date("2024-05-02"),
        )
        grants = []
        for n in range(2):
            funder = Organisation(name=f"Fund {n}", kind=OrganisationKind.FUNDER)
            programme = Programme(name=f"Programme {n}", funder=funder)
            grants.append(_grant(f"G-{n}", funder, programme))
        db.session.add_all([home, bare, full, *grants])
        db.session.flush()
        for grant in grants:
            db.session.add(GrantEvent(grant=grant, event=full))
            db.session.add(
                CostItem(
                    event=full,
                    budget_line=grant.budget_lines[0],
                    paid_on=date(2024, 5, 2),
                    amount=Decimal("100.00"),
                    grant_share=Decimal("90.00"),
                )
            )
        for contact in people[:2]:
            db.session.add(
                Participant(
                    event=full,
                    contact=contact,
                    origin=ParticipantOrigin.INTERNATIONAL,
                    sending_city=lviv,
                )
            )
        # One participant, with no contact and no sending city: a page of them is never empty.
        db.session.add(
            Participant(event=bare, name="Walk-in", origin=ParticipantOrigin.INTERNATIONAL)
        )
        db.session.commit()
        return {"bare": bare.id, "full": full.id}


def test_an_events_pages_send_the_same_queries_whatever_it_holds(app, editor, visits):
    for page in PAGES:
        bare = queries_of(app, editor, page.format(id=visits["bare"]))
        full = queries_of(app, editor, page.format(id=visits["full"]))
        assert full == bare, (page, bare, full)


def test_the_full_visit_shows_what_it_holds(app, editor, visits):
    html = editor.get(f"/visits/{visits['full']}").get_data(as_text=True)
    for shown in ("Homeburg", "Person 0", "Person 1", "Person 2", "G-0", "Fund 1"):
        assert shown in html, shown
    funding = editor.get(f"/events/{visits['full']}/funding").get_data(as_text=True)
    for shown in ("G-1", "Fund 0", "Person 1", "Travel"):
        assert shown in funding, shown
