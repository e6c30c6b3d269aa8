"""A visit paid by a grant with a budget, built straight in the database."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from partnership.extensions import db
from partnership.funding.models import BudgetLine, Grant, GrantEvent
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.visits.models import Direction, Visit


@dataclass(frozen=True)
class Funded:
    """Ids of a funded visit and of its grant's budget lines."""

    grant: int
    visit: int
    travel: int
    interpreting: int
    other_grant: int
    other_line: int


@pytest.fixture
def funded(app) -> Funded:
    """A visit to Lviv paid by grant EU-TT-7 (budget: travel 1000, interpreting 500).

    A second grant, not linked to the visit, has a budget line of its own.
    """
    with app.app_context():
        home = City(name="Dortmund", country_code="DE", is_home=True)
        lviv = City(name="Lviv", country_code="UA")
        funder = Organisation(name="Town Twinning Fund", kind=OrganisationKind.FUNDER)
        grant = Grant(
            reference="EU-TT-7",
            funder=funder,
            currency="EUR",
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
        )
        travel = BudgetLine(name="Travel", planned_amount=Decimal("1000.00"))
        interpreting = BudgetLine(name="Interpreting", planned_amount=Decimal("500.00"))
        grant.budget_lines = [travel, interpreting]
        other = Grant(reference="OTHER-1", funder=funder, currency="EUR")
        other_line = BudgetLine(name="Catering", planned_amount=Decimal("200.00"))
        other.budget_lines = [other_line]
        visit = Visit(
            title="Youth council visits Lviv",
            direction=Direction.OUTGOING,
            partner_city=lviv,
            host_city=lviv,
            date=parse_fuzzy_date("10.–14. Mai 2024"),
        )
        db.session.add_all([home, grant, other, visit])
        db.session.flush()
        db.session.add(GrantEvent(grant=grant, event=visit, note="fully funded"))
        db.session.commit()
        return Funded(grant.id, visit.id, travel.id, interpreting.id, other.id, other_line.id)
