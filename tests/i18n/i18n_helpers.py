"""Read pages as a person sees them, and find the demo's records."""

from decimal import Decimal

from page_reader import text_of  # noqa: F401  (the tests here import it from here)
from sqlalchemy import select

from partnership.exchanges.models import PlannedExchange
from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.partners.models import City
from partnership.visits.models import Visit


def assert_words(text: str, present=(), absent=()) -> None:
    for words in present:
        assert words in text, f"{words!r} is missing"
    for words in absent:
        assert words not in text, f"{words!r} is still shown"


def demo_ids(app) -> dict[str, int]:
    """Return the ids of the demo records these tests open."""
    with app.app_context():
        return {
            "zhytomyr": db.session.scalars(select(City).where(City.name == "Zhytomyr")).one().id,
            # The demo's later visit is the delegation's stay in September 2023.
            "september_visit": db.session.scalars(select(Visit).order_by(Visit.date_start.desc()))
            .first()
            .id,
            "exchange": db.session.scalars(select(PlannedExchange)).first().id,
        }


def demo_grant_with_amount(app, amount: str = "1234.50") -> int:
    """Give the demo's grant an amount (the press release names none) and return its id."""
    with app.app_context():
        grant = db.session.scalars(select(Grant)).first()
        grant.amount, grant.currency = Decimal(amount), "EUR"
        db.session.commit()
        return grant.id
