"""The start page's costs that grew with the office: the chart counted again on every request
of the minute after a write, and the latest events found by reading a year of coming events
row by row."""

from datetime import date, datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy import event as sql_event
from status.status_helpers import city, visit

from partnership import home
from partnership.extensions import db
from partnership.history.models import Change


def statements_of(app, action) -> list[str]:
    with app.app_context():
        engine = db.engine
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        sent.append(statement)

    sql_event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        sql_event.remove(engine, "before_cursor_execute", record)
    return sent


def chart_counted(statements: list[str]) -> bool:
    return any("count(*)" in s and "partnership_stage" in s for s in statements)


def test_counts_kept_after_a_change_are_counted_again_when_an_earlier_one_commits(app, editor):
    app.config["KEEP_CHART_COUNTS"] = True
    with app.app_context():
        visit("Counted", "2020", partner=city("Lviv"))
        visit("Counted too", "2021", partner=city("Odesa"))
        newest = db.session.scalar(select(Change.id).order_by(Change.id.desc()).limit(1))
        # A change whose id was taken by a request still running: not committed yet.
        late = db.session.execute(select(Change.__table__).where(Change.id < newest)).first()
        assert late is not None
        db.session.execute(delete(Change).where(Change.id == late.id))
        db.session.commit()
    assert chart_counted(statements_of(app, lambda: editor.get("/")))
    assert not chart_counted(statements_of(app, lambda: editor.get("/")))
    with app.app_context():
        row = dict(late._mapping)
        row["at"] = datetime.now() - timedelta(seconds=20)
        db.session.execute(insert(Change), [row])
        db.session.commit()
    # The newest id is the same, yet the late change is seen: counted again, then kept.
    assert chart_counted(statements_of(app, lambda: editor.get("/")))
    assert not chart_counted(statements_of(app, lambda: editor.get("/")))


def _events_of_the_coming_year(app, count: int) -> None:
    with app.app_context():
        lviv = city("Lviv")
        today = date.today()
        for number in range(count):
            start = today + timedelta(days=1 + number * 300 // max(count, 1))
            visit(f"Coming {number}", start.isoformat(), partner=lviv)
        # Of a coarse date, running today and sorting after it; and next year's.
        visit("Running", str(today.year), partner=lviv)
        visit("Next year", str(today.year + 1), partner=lviv)


def test_the_latest_events_skip_the_day_dated_ones_of_the_coming_year(app):
    _events_of_the_coming_year(app, 30)
    with app.app_context():
        today = date.today()
        latest = [event.title for event in home.latest_events(today)]
        assert latest[0] == "Running"
        assert not any(title.startswith(("Coming", "Next")) for title in latest)
        sent = statements_of(app, lambda: home.newest_past_ids(today))
        assert len(sent) == 1
        # The walk of the coming year asks the index for coarse dates alone.
        assert "date_precision !=" in sent[0]
