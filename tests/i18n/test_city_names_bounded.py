"""A page reads the names in the reader's language of the cities it shows, not of every city:
an office with thousands of cities pays for the few a page names."""

from sqlalchemy import event

from partnership.extensions import db
from partnership.partners.models import City, CityName

from .conftest import speaking

CITIES = 300


def test_a_city_page_reads_the_names_of_its_cities_only(app, editor):
    with app.app_context():
        for n in range(CITIES):
            names = [CityName(f"Town {n}"), CityName(f"Stadt {n}", language="de")]
            db.session.add(City(name=f"Town {n}", country_code="PL", names=names))
        db.session.commit()
        shown = db.session.scalar(db.select(City.id).where(City.name == "Town 7"))
        engine = db.engine
    german = speaking(editor, "de-DE,de;q=0.9")
    asked = []

    def names_read(_conn, _cursor, statement, parameters, _context, _many):
        if "FROM city_name" in statement and "WHERE city_name.language = " in statement:
            asked.append(len(parameters) - 1)  # the cities' ids, after the language

    german.get(f"/cities/{shown}")
    event.listen(engine, "before_cursor_execute", names_read)
    try:
        page = german.get(f"/cities/{shown}").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", names_read)
    assert "Stadt 7" in page
    # Asked by the ids of the few cities the page shows, not for all 300.
    assert asked and all(1 <= ids < 10 for ids in asked), asked
    listed = german.get("/cities/?q=town 12").get_data(as_text=True)
    assert ">Stadt 12</a>" in listed and ">Stadt 120</a>" in listed
