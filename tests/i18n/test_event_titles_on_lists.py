"""A list of events names each in the reader's language where the office wrote its title in
that language, as the timeline, the search and the event's own page do."""

from partnership.events.models import EventText
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.visits.models import Direction, Visit

from .conftest import speaking


def test_a_visit_is_listed_under_its_title_in_the_readers_language(app, editor):
    with app.app_context():
        visit = Visit(title="Youth exchange in Lviv", direction=Direction.OUTGOING)
        visit.date = parse_fuzzy_date("2024-05-02")
        visit.texts = [EventText(language="de", title="Jugendaustausch in Lwiw", summary="")]
        db.session.add(visit)
        db.session.commit()
    german = speaking(editor, "de-DE,de;q=0.9").get("/visits/").get_data(as_text=True)
    assert ">Jugendaustausch in Lwiw</a></th>" in german
    assert "Youth exchange in Lviv" not in german
    english = speaking(editor, "en-GB,en;q=0.9").get("/visits/").get_data(as_text=True)
    assert ">Youth exchange in Lviv</a></th>" in english
