"""/lookup/<source>: a few records matching typed text, for logged-in users, on any input."""

import pytest
from pages.helpers import make_city, make_contact, make_funder, make_milestone, make_organisation

from partnership.extensions import db
from partnership.lookup.sources import LOOKUP_LIMIT
from partnership.partners.models import City, CityName

ZHYTOMYR_NAMES = "de: Schytomyr\nuk: Житомир"


def hits(client, source: str, query: str) -> list[dict]:
    response = client.get(f"/lookup/{source}", query_string={"q": query})
    assert response.status_code == 200, (source, query, response.status_code)
    assert response.is_json
    return response.get_json()["results"]


def labels(client, source: str, query: str) -> list[str]:
    return [hit["label"] for hit in hits(client, source, query)]


def add_cities(app, names):
    with app.app_context():
        for name in names:
            city = City(name=name, country_code="DE")
            city.names.append(CityName(name))
            db.session.add(city)
        db.session.commit()


def test_a_city_is_found_under_any_of_its_names_folded(editor):
    zhytomyr = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)
    make_city(editor, "Dortmund", country_code="DE")

    for typed in ("zhyt", "ZHYTOMYR", "Schytomyr", "житомир", "Жит"):
        assert hits(editor, "city", typed) == [
            {"id": zhytomyr, "label": "Zhytomyr", "detail": "Ukraine"}
        ], typed


def test_names_starting_with_the_text_come_first(editor, app):
    add_cities(app, ["Aberdeen", "Berlin", "Oberhausen", "Bernau"])

    assert labels(editor, "city", "ber") == ["Berlin", "Bernau", "Aberdeen", "Oberhausen"]


def test_at_most_a_screenful_and_a_sign_that_there_is_more(editor, app):
    add_cities(app, [f"Town {number:02}" for number in range(LOOKUP_LIMIT + 5)])

    answer = editor.get("/lookup/city?q=town").get_json()
    assert len(answer["results"]) == LOOKUP_LIMIT
    assert answer["more"] is True
    narrowed = editor.get("/lookup/city?q=town 2").get_json()
    assert [hit["label"] for hit in narrowed["results"]] == [f"Town 2{n}" for n in range(5)]
    assert narrowed["more"] is False


def test_empty_text_lists_the_first_records_in_order(editor, app):
    add_cities(app, ["Bochum", "Aachen", "Castrop-Rauxel"])

    assert labels(editor, "city", "") == ["Aachen", "Bochum", "Castrop-Rauxel"]
    assert labels(editor, "city", "   ") == ["Aachen", "Bochum", "Castrop-Rauxel"]


def test_a_source_keeps_to_its_records(editor):
    make_funder(editor, "Foundation for Towns")
    make_organisation(editor, "Town Youth Council", kind="NGO")

    assert labels(editor, "funder", "town") == ["Foundation for Towns"]
    assert labels(editor, "organisation", "town") == ["Town Youth Council", "Foundation for Towns"]


def test_archived_records_are_not_offered(editor):
    contact = make_contact(editor, "Olena Kovalenko")
    assert labels(editor, "contact", "olena") == ["Olena Kovalenko"]

    assert editor.post(f"/contacts/{contact}/delete").status_code == 302

    assert labels(editor, "contact", "olena") == []


def test_events_are_found_by_title_and_named_with_kind_and_date(editor):
    make_milestone(editor, title="Council decides the twinning", date="2022")

    expected = "Milestone · 2022 · Council decides the twinning"
    assert labels(editor, "event", "twinning") == [expected]


def test_viewers_may_look_up_too(viewer, editor):
    make_city(editor, "Dortmund", country_code="DE")

    assert labels(viewer, "city", "dort") == ["Dortmund"]


def test_anonymous_visitors_are_sent_to_log_in(client, editor):
    make_city(editor, "Dortmund", country_code="DE")

    response = client.get("/lookup/city?q=dort")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert b"Dortmund" not in response.data


def test_an_unknown_source_is_not_found(editor):
    assert editor.get("/lookup/nothing-like-this?q=a").status_code == 404
    assert editor.get("/lookup/..%2Fcity?q=a").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "%",
        "_",
        "\\",
        "a%_b\\",
        "' OR 1=1 --",
        '"; DROP TABLE city; --',
        "ß" * 300,
        "x" * 10_000,
        "🏙️ Zhytomyr",
        "\u202eevil",
        "\ufffd",
    ],
)
def test_any_text_is_answered_without_a_fault(editor, query):
    make_city(editor, "Dortmund", country_code="DE")

    assert hits(editor, "city", query) == []
    assert hits(editor, "event", query) == []


def test_odd_bytes_and_parameters_are_no_fault(editor):
    make_city(editor, "Dortmund", country_code="DE")

    assert editor.get("/lookup/city?q=%ED%A0%80").status_code == 200  # a lone surrogate
    assert editor.get("/lookup/city?q=%FF%FE").status_code == 200
    assert editor.get("/lookup/city?q=a&q=b").status_code == 200
    assert editor.get("/lookup/city?q=%00").status_code == 400
    assert editor.get("/lookup/city").status_code == 200
