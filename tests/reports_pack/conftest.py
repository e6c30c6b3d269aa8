"""A CERV town-twinning grant with too few participants and an overspent line, in the database."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

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
from partnership.visits.models import Direction, Visit


@dataclass(frozen=True)
class Twinning:
    grant: int
    visit: int
    programme: int


def receipt(visit, line, day, amount, number, payee="Bus company", share=None):
    return CostItem(
        event=visit,
        budget_line=line,
        paid_on=day,
        payee=payee,
        purpose=f"Receipt {number}",
        amount=Decimal(amount),
        grant_share=Decimal(share if share is not None else amount),
        receipt_number=number,
        currency="EUR",
    )


@pytest.fixture
def twinning(app) -> Twinning:
    """Grant CERV-1 (2024) pays a visit of three participants, two signed, one invited;
    Travel (planned 1000) is spent 1300, Interpreting (planned 500) 400; one receipt of
    Interpreting was paid in 2025, after the grant's period."""
    with app.app_context():
        home = City(name="Dortmund", country_code="DE", is_home=True)
        lviv = City(name="Lviv", country_code="UA")
        funder = Organisation(name="European Commission", kind=OrganisationKind.FUNDER)
        programme = Programme(name="CERV town twinning", funder=funder)
        programme.rule_set = "cerv-town-twinning"
        grant = Grant(
            reference="CERV-1",
            title="Youth for Europe",
            funder=funder,
            programme=programme,
            currency="EUR",
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
        )
        travel = BudgetLine(name="Travel", planned_amount=Decimal("1000.00"))
        interpreting = BudgetLine(name="Interpreting", planned_amount=Decimal("500.00"))
        grant.budget_lines = [travel, interpreting]
        visit = Visit(
            title="Youth council visits Lviv",
            direction=Direction.OUTGOING,
            partner_city=lviv,
            host_city=lviv,
            date=parse_fuzzy_date("10.–14. Mai 2024"),
        )
        db.session.add_all([home, grant, visit])
        db.session.flush()
        db.session.add(GrantEvent(grant=grant, event=visit))
        for name, origin, signed in (
            ("Oksana", ParticipantOrigin.INTERNATIONAL, True),
            ("Anna", ParticipantOrigin.LOCAL, True),
            ("Ben", ParticipantOrigin.LOCAL, False),
        ):
            db.session.add(
                Participant(
                    event=visit, name=name, origin=origin, signed_list=signed, country_code="DE"
                )
            )
        db.session.add_all(
            [
                receipt(visit, travel, date(2024, 5, 2), "800.00", "T-2", share="720.00"),
                receipt(visit, travel, date(2024, 3, 1), "500.00", "T-1", payee="=cmd"),
                receipt(visit, interpreting, date(2024, 5, 12), "150.00", "I-1"),
                receipt(visit, interpreting, date(2025, 1, 15), "250.00", "I-2"),
            ]
        )
        db.session.commit()
        return Twinning(grant.id, visit.id, programme.id)
