"""Delete pages count references up to a bound; an event's press links are read by key."""

from partnership.records import references


def test_bounded_count_stops_after_the_bound(app, monkeypatch):
    from sqlalchemy import literal, select, union_all

    from partnership.extensions import db

    monkeypatch.setattr(references, "COUNT_BOUND", 3)
    with app.app_context():
        rows = union_all(*[select(literal(n).label("n")) for n in range(10)]).subquery()
        assert references.bounded_count(select(rows.c.n)) == 4
        assert references.bounded_count(select(rows.c.n).where(rows.c.n < 2)) == 2
        db.session.rollback()
