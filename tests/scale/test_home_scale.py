"""The start page and the overdue exchanges cost the same however many events the office has:
the same SQL with a few events or many, overdue ones counted no further than shown, the
chart's counts kept until something changes."""

from datetime import timedelta

from sqlalchemy import event as sql_event
from status.status_helpers import city, day, exchange, page_text, visit

from partnership import chart
from partnership.exchanges import views as exchange_views
from partnership.extensions import db
from partnership.home import OVERDUE_LENGTH
from partnership.records import paging


class Counted:
    """The SELECTs the app sends while it is open."""

    def __init__(self, app):
        with app.app_context():
            self.engine = db.engine
        self.statements: list[str] = []

    def _record(self, _conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            self.statements.append(statement)

    def get(self, client, path: str) -> tuple[str, int]:
        self.statements.clear()
        sql_event.listen(self.engine, "before_cursor_execute", self._record)
        try:
            html = client.get(path).get_data(as_text=True)
        finally:
            sql_event.remove(self.engine, "before_cursor_execute", self._record)
        return html, len(self.statements)


def _add_events(app, count: int, start: int = 0) -> None:
    """`count` events that took place and `count` overdue exchanges, in one partner city."""
    with app.app_context():
        kharkiv = city(f"Kharkiv {start}")
        for n in range(start, start + count):
            visit(f"Visit {n}", day(-5 - n), partner=kharkiv)
            exchange(f"Overdue exchange {n}", day(-5 - n), partner=kharkiv)
        db.session.remove()


def test_the_start_page_sends_the_same_sql_for_a_few_events_or_many(app, editor):
    counted = Counted(app)
    _add_events(app, 2)
    html, few = counted.get(editor, "/")
    assert "2 planned exchanges are overdue" in page_text(html)
    _add_events(app, OVERDUE_LENGTH + 5, start=2)
    html, many = counted.get(editor, "/")
    assert many == few
    # Counted no further than shown: "more than", and the way to all of them.
    text = page_text(html)
    assert f"More than {OVERDUE_LENGTH} planned exchanges are overdue" in text
    assert text.count("No: mark it cancelled") == OVERDUE_LENGTH
    assert "All overdue exchanges" in text


def test_the_chart_counts_again_only_after_a_change(app, editor, monkeypatch):
    app.config["KEEP_CHART_COUNTS"] = True
    monkeypatch.setattr(chart, "SETTLED", timedelta(0))
    counted = Counted(app)
    _add_events(app, 3)
    html, first = counted.get(editor, "/")
    # A visit and an exchange (not settled yet) per event added.
    assert "6 events with 1 partner city" in html
    html, again = counted.get(editor, "/")
    assert "6 events with 1 partner city" in html
    # Neither the counts nor the busiest cities' names are asked for again.
    assert again == first - 2
    _add_events(app, 1, start=3)
    html, _ = counted.get(editor, "/")
    assert "8 events with 2 partner cities" in html


def test_a_chart_counted_just_after_a_change_is_kept(app, editor):
    app.config["KEEP_CHART_COUNTS"] = True
    counted = Counted(app)
    _add_events(app, 1)
    _, first = counted.get(editor, "/")
    _, again = counted.get(editor, "/")
    # The newest change is under a minute old, and the recent changes are told apart one by
    # one (see tests/scale/test_home_bounded.py): the counts are not asked for again.
    assert again == first - 2


def test_the_overdue_list_counts_up_to_a_cap(app, editor, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    monkeypatch.setattr(exchange_views, "COUNT_CAP", 5)
    app.config["PAGE_SIZE"] = 2
    counted = Counted(app)
    _add_events(app, 3)
    html, few = counted.get(editor, "/exchanges/overdue?page=2")
    text = page_text(html)
    assert "Page 2 of 2 (3 in all)" in text
    assert "Overdue exchange 2" in text and "Overdue exchange 1 " not in text
    past = page_text(counted.get(editor, "/exchanges/overdue?page=9")[0])
    assert "Page 9 is past the end of the list." in past

    _add_events(app, 9, start=3)
    html, many = counted.get(editor, "/exchanges/overdue?page=2")
    text = page_text(html)
    assert "Page 2 (more than 5 in all)" in text
    assert "Overdue exchange 2" in text and "Overdue exchange 4" not in text
    # The same SQL for 3 overdue exchanges or 12: counting them all grew with the years.
    assert many == few
