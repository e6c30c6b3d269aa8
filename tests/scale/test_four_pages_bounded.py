"""The start page's next exchanges: two short walks of the exchanges' date index (those begun
in the last year that still run, then those to come), each exchange's status looked up by its
key, whatever number of exchanges came long before or follow later."""

from datetime import date, timedelta

from sqlalchemy import insert, text
from test_index_steps import statements_of, steps_without_index

from partnership.events.models import EventKind, Milestone, MilestoneKind
from partnership.exchanges import queries as exchanges
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.partners.models import City
from partnership.visits.models import Direction


def day_rows(name: str, starts: list[date], **values) -> list[dict]:
    """Events of one day each, as rows written in one statement (hundreds cost no time)."""
    return [
        {
            "title": f"{name} {number}",
            "date_start": start,
            "date_end": start,
            "date_sort": start,
            "date_precision": "day",
            **values,
        }
        for number, start in enumerate(starts)
    ]


def add_exchanges(city_id: int, name: str, starts: list[date], status=ExchangeStatus.PLANNED):
    exchange = {"kind": EventKind.EXCHANGE, "exchange_kind": ExchangeKind.YOUTH}
    rows = day_rows(name, starts, partner_city_id=city_id, direction=Direction.OUTGOING,
                    status=status, **exchange)  # fmt: skip
    db.session.execute(insert(PlannedExchange), rows)


def add_milestones(city_id: int, first: date, days: int) -> None:
    """Events of another kind, every other day: most of a timeline is not exchanges."""
    starts = [first + timedelta(days=number) for number in range(0, days, 2)]
    rows = day_rows("Meeting", starts, kind=EventKind.MILESTONE, partner_city_id=city_id,
                    milestone_kind=MilestoneKind.MEETING)  # fmt: skip
    db.session.execute(insert(Milestone), rows)


def analyze() -> None:
    for table in ("event", "planned_exchange"):
        db.session.execute(text(f"ANALYZE {table}"))
    db.session.commit()


def test_the_next_exchanges_are_the_running_then_the_coming_by_an_index_walk(app):
    today = date.today()
    with app.app_context():
        city = City(name="Partnerstadt", country_code="PL")
        db.session.add(city)
        db.session.flush()
        add_milestones(city.id, today - timedelta(days=4 * 365), 8 * 365)
        running = today - timedelta(days=30)
        add_exchanges(city.id, "Running", [running])
        db.session.execute(
            text("UPDATE event SET date_end = :end WHERE title = 'Running 0'"),
            {"end": today + timedelta(days=30)},
        )
        # Long past, over in the last year, cancelled, and many after the page's eight.
        add_exchanges(city.id, "Past", [today - timedelta(days=400 + n) for n in range(300)])
        add_exchanges(city.id, "Over", [today - timedelta(days=10)])
        add_exchanges(city.id, "Off", [today + timedelta(days=1)], ExchangeStatus.CANCELLED)
        add_exchanges(city.id, "Next", [today + timedelta(days=n) for n in range(2, 14)])
        add_exchanges(city.id, "Later", [today + timedelta(days=100 + n) for n in range(300)])
        db.session.commit()
        analyze()
        shown = [exchange.title for exchange in exchanges.upcoming(today, 8)]
        assert shown == ["Running 0"] + [f"Next {n}" for n in range(7)]
        sent = statements_of(lambda: exchanges.upcoming(today, 8))
        walks = [s for s in sent if "planned_exchange.status IN" in s[0]]
        assert len(walks) == 1 and steps_without_index(walks) == []
        db.session.rollback()
