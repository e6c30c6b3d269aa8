"""Two partnerships of one home city, a partner user of the first, and records of each kind."""

from dataclasses import dataclass

import pytest
from conftest import PASSWORD
from documents.helpers import png_bytes

from partnership.agreements.models import Agreement, AgreementKind
from partnership.auth.models import Role, User
from partnership.documents.models import DocumentKind
from partnership.documents.services import store_document
from partnership.events.models import Milestone, MilestoneKind
from partnership.exchanges.models import ExchangeKind, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, Partnership, PartnershipKind, PartnershipStatus
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Delegation, Direction, ProgrammeItem, Visit, VisitStatus

PARTNER_EMAIL = "olena@zhytomyr.example"
OFFICE_EMAIL = "kim.office@homeburg.example"
# Every record of the other partnership carries this word: a partner must never read it.
SECRET = "Otherstadt"


@dataclass
class World:
    partnership: int
    other_partnership: int
    visit: int
    agreement: int
    exchange: int
    proposed: int
    other_visit: int
    document: int
    other_document: int
    partner: int


def _visit(title, city, host, **more) -> Visit:
    return Visit(
        title=title,
        partner_city=city,
        host_city=host,
        direction=Direction.INCOMING,
        status=VisitStatus.DONE,
        date=parse_fuzzy_date("2024"),
        **more,
    )


@pytest.fixture
def world(app) -> World:
    with app.app_context():
        home = City(name="Homeburg", country_code="DE", is_home=True)
        zhytomyr = City(name="Zhytomyr", country_code="UA")
        other = City(name=f"{SECRET} City", country_code="PL")
        office_contact = Contact(name="Kim Office", email=OFFICE_EMAIL, city=home)
        ours = Partnership(
            home_city=home,
            partner_city=zhytomyr,
            kind=PartnershipKind.TWINNING,
            status=PartnershipStatus.ACTIVE,
            coordinator=office_contact,
            date=parse_fuzzy_date("2022"),
        )
        theirs = Partnership(
            home_city=home,
            partner_city=other,
            kind=PartnershipKind.FRIENDSHIP,
            status=PartnershipStatus.ACTIVE,
        )
        delegation = Delegation(
            name="Delegation of Zhytomyr", origin_city=zhytomyr, head=office_contact, size=5
        )
        visit = _visit(
            "Zhytomyr comes to Homeburg",
            zhytomyr,
            home,
            delegation=delegation,
            notes="Office-only note about the budget",
            programme=[ProgrammeItem(position=0, description="Reception in the town hall")],
        )
        agreement = Agreement(
            title="Cooperation agreement signed",
            agreement_kind=AgreementKind.COOPERATION,
            partner_city=zhytomyr,
            date=parse_fuzzy_date("2023"),
        )
        exchange = PlannedExchange(
            title="Youth exchange",
            exchange_kind=ExchangeKind.YOUTH,
            direction=Direction.OUTGOING,
            partner_city=zhytomyr,
            date=parse_fuzzy_date("2027"),
        )
        other_visit = _visit(f"{SECRET} delegation visits", other, home)
        other_visit.delegation = Delegation(name=f"{SECRET} delegation", origin_city=other)
        press = PressArticle(title=f"{SECRET} in the news", events=[other_visit])
        partner = User(email=PARTNER_EMAIL, name="Olena Partner", role=Role.PARTNER)
        partner.set_password(PASSWORD)
        db.session.add_all([ours, theirs, visit, agreement, exchange, other_visit, press, partner])
        db.session.flush()
        partner.partnership_id = ours.id
        proposed = Milestone(
            title="Meeting of the mayors",
            milestone_kind=MilestoneKind.MEETING,
            partner_city=zhytomyr,
            date=parse_fuzzy_date("2026"),
            proposed_by_id=partner.id,
            awaiting_confirmation=True,
        )
        db.session.add(proposed)
        db.session.flush()
        document = store_document("event", visit.id, "reception.png", png_bytes(), "photo")
        other_document = store_document(
            "event", other_visit.id, f"{SECRET}.png", png_bytes(colour="red"), "photo"
        )
        # A signed list carries people's names and signatures: it stays with the office.
        store_document("event", visit.id, "signed.png", png_bytes(), DocumentKind.SIGNED_LIST)
        db.session.commit()
        return World(
            partnership=ours.id,
            other_partnership=theirs.id,
            visit=visit.id,
            agreement=agreement.id,
            exchange=exchange.id,
            proposed=proposed.id,
            other_visit=other_visit.id,
            document=document.id,
            other_document=other_document.id,
            partner=partner.id,
        )


@pytest.fixture
def partner(app, world):
    """A browser logged in as the partner user of the first partnership."""
    client = app.test_client()
    response = client.post("/login", data={"email": PARTNER_EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/partner/"
    return client
