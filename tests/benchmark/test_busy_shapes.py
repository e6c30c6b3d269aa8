"""The benchmark opens, of each kind, the record with the most kinds of related rows, then the
most rows: a record of the same shape on the small and the large data."""

import sys
from pathlib import Path

from partnership.events.models import Topic
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City
from partnership.press.models import PressArticle
from partnership.visits.models import Direction, Visit

# The benchmark lives beside the package, not in it: importable from the project's folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.busy import Busy  # noqa: E402


def _visit(title: str, city: City) -> Visit:
    return Visit(
        title=title, direction=Direction.INCOMING, partner_city=city, date=parse_fuzzy_date("2024")
    )


def _busiest_visit(app) -> int:
    with app.app_context():
        try:
            # The session's connection: on PostgreSQL it holds the test's own transaction.
            return Busy(app, db.session.connection()).id_of("visit")
        finally:
            db.session.remove()


def test_the_record_with_more_kinds_of_related_rows_wins_over_more_rows_of_one(app):
    with app.app_context():
        city = City(name="Lviv", country_code="UA")
        many_articles, every_kind, fewer = (
            _visit(name, city) for name in ("Many articles", "Every kind", "Fewer")
        )
        db.session.add_all([many_articles, every_kind, fewer])
        db.session.add_all(
            PressArticle(title=f"Report {n}", events=[many_articles]) for n in range(5)
        )
        for visit, articles in ((every_kind, 2), (fewer, 1)):
            visit.topics.append(Topic(name=f"Topic of {visit.title}"))
            db.session.add_all(
                PressArticle(title=f"{visit.title} {n}", events=[visit]) for n in range(articles)
            )
        db.session.commit()
        expected = every_kind.id
    # Both have a topic and press articles; the one with more rows of a kind is the busier.
    assert _busiest_visit(app) == expected
