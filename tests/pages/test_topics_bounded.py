"""The topics list counts each topic's events up to 1,000 and says "more than 1,000" past it:
as many statements, and a walk of at most so many links, for a busy topic as for a rare one.
Archived events never count; the download keeps the exact number."""

import csv
import io
from datetime import UTC, datetime

from sqlalchemy import event as sql_event
from sqlalchemy import insert, select, update

from partnership.events.models import Event, Milestone, MilestoneKind, Topic, event_topic
from partnership.extensions import db

from .helpers import make_topic


def add_events_about(app, topic_id: int, number: int, archived: int = 0) -> None:
    """Store `number` milestones about the topic at once, the first `archived` of them archived."""
    with app.app_context():
        milestones = [
            Milestone(title=f"Meeting {n}", milestone_kind=MilestoneKind.MEETING)
            for n in range(number)
        ]
        db.session.add_all(milestones)
        db.session.flush()
        ids = [milestone.id for milestone in milestones]
        links = [{"event_id": event_id, "topic_id": topic_id} for event_id in ids]
        db.session.execute(insert(event_topic), links)
        if archived:
            gone = datetime.now(UTC).replace(tzinfo=None)
            db.session.execute(
                update(Event).where(Event.id.in_(ids[:archived])).values(archived_at=gone)
            )
        db.session.commit()


def topics_page(app, client) -> tuple[int, dict[str, str]]:
    """Open the topics list; return how many statements it sent and each topic's count shown."""
    with app.app_context():
        engine = db.engine
        names = db.session.scalars(select(Topic.name)).all()
    sent = []

    def count(*_args):
        sent.append(1)

    client.get("/topics/")  # what is read once per process is read before counting
    sql_event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get("/topics/")
    finally:
        sql_event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    shown = {}
    for name in names:
        row = html[html.index(f">{name}</a>") :]
        shown[name] = row[row.index("<td>") + 4 : row.index("</td>")]
    return len(sent), shown


def test_a_busy_topic_costs_as_many_statements_and_says_more_than_1000(app, editor):
    busy, rare = make_topic(editor, "Busy"), make_topic(editor, "Rare")
    add_events_about(app, busy, 3)
    add_events_about(app, rare, 3)
    few, shown = topics_page(app, editor)
    assert shown == {"Busy": "3", "Rare": "3"}

    add_events_about(app, busy, 1197)
    many, shown = topics_page(app, editor)
    assert shown == {"Busy": "more than 1,000", "Rare": "3"}
    assert many == few

    download = editor.get("/topics/export.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(download.removeprefix("\ufeff"))))
    assert rows[1:] == [["Busy", "1200"], ["Rare", "3"]]


def test_archived_events_never_count_even_near_the_bound(app, editor):
    exactly = make_topic(editor, "Exactly a thousand")
    over = make_topic(editor, "One over")
    # 1,002 links each: two of the first topic's events archived, none of the second's.
    add_events_about(app, exactly, 1002, archived=2)
    add_events_about(app, over, 1001)
    add_events_about(app, over, 1)
    _, shown = topics_page(app, editor)
    assert shown == {"Exactly a thousand": "1000", "One over": "more than 1,000"}


def test_the_bound_is_said_in_the_readers_language(app, editor):
    busy = make_topic(editor, "Busy")
    add_events_about(app, busy, 1001)
    german = editor.get("/topics/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    ukrainian = editor.get("/topics/", headers={"Accept-Language": "uk"}).get_data(as_text=True)
    assert "<td>mehr als 1.000</td>" in german
    assert "<td>понад 1\u00a0000</td>" in ukrainian
