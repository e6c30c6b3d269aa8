"""Dates typed in either language are read in both interfaces; errors speak the interface's."""

import pytest
from flask_babel import force_locale

from partnership.exchanges.models import PlannedExchange
from partnership.extensions import db
from partnership.forms import date_error_message
from partnership.fuzzydate import FuzzyDateError, parse_fuzzy_date

from .i18n_helpers import text_of


def record_exchange(client, date: str):
    return client.post(
        "/exchanges/new",
        data={
            "title": "Choir exchange",
            "date": date,
            "exchange_kind": "cultural exchange",
            "direction": "outgoing",
            "status": "planned",
        },
        follow_redirects=True,
    )


@pytest.mark.parametrize("typed", ["probably Feb 2024", "voraussichtlich Februar 2024"])
def test_a_german_interface_reads_dates_typed_in_either_language(german, app, typed):
    response = record_exchange(german, typed)
    assert response.status_code == 200
    assert "voraussichtlich Februar 2024" in text_of(response)
    with app.app_context():
        exchange = db.session.query(PlannedExchange).filter_by(title="Choir exchange").one()
        assert exchange.date == parse_fuzzy_date("voraussichtlich Februar 2024")


@pytest.mark.parametrize("typed", ["voraussichtlich Februar 2024", "probably February 2024"])
def test_an_english_interface_reads_dates_typed_in_either_language(english, typed):
    response = record_exchange(english, typed)
    assert "probably February 2024" in text_of(response)


@pytest.mark.parametrize("typed", ["24.–29. September 2023", "September 24–29, 2023"])
def test_a_range_typed_either_way_is_shown_in_the_interface_language(german, typed):
    response = record_exchange(german, typed)
    assert "24.–29. September 2023" in text_of(response)


def test_the_form_keeps_the_typed_text_and_explains_in_german(german):
    response = record_exchange(german, "Sommer 2024")
    assert response.status_code == 422
    text = text_of(response)
    assert "„Sommer 2024“: „Sommer“ ist zu ungenau zum Speichern." in text
    assert "Geben Sie stattdessen die Monate an, z. B. Juni–August 2024." in text
    assert 'value="Sommer 2024"' in response.get_data(as_text=True)
    assert "too vague" not in text


def test_the_same_mistake_is_explained_in_english(english):
    text = text_of(record_exchange(english, "Sommer 2024"))
    assert "‘Sommer 2024’: “Sommer” is too vague to store. Write the months instead" in text


def test_a_range_backwards_names_both_ends_in_german(german):
    text = text_of(record_exchange(german, "Nov – Feb 2024"))
    assert "Das Ende (Februar 2024) liegt vor dem Anfang (November 2024)." in text


def test_timeline_filters_explain_in_german(german):
    text = text_of(german.get("/timeline/?date_from=Mitte+2023"))
    assert "Einige Filter konnten nicht gelesen werden" in text
    assert "„Mitte“ ist zu ungenau zum Speichern." in text


CASES = [
    "",
    "abc",
    "Anfang März 2024",
    "H1 2024",
    "31.02.2024",
    "13/2024",
    "Q5 2024",
    "Foo 2024",
    "1799",
    "24.09.",
    "24",
    "24.09.23",
    "09/10/2023",
    "29.–24. September 2023",
    "September 2023 – 15.10.2023",
    "ca.",
]


@pytest.mark.parametrize("typed", CASES)
def test_every_date_error_has_an_english_text_and_a_german_translation(app, typed):
    with pytest.raises(FuzzyDateError) as caught:
        parse_fuzzy_date(typed)
    error = caught.value
    assert str(error) == error.template % error.params_for("en")
    with app.test_request_context(), force_locale("de"):
        german = date_error_message(error)
    with app.test_request_context(), force_locale("en"):
        english = date_error_message(error)
    assert english == str(error)
    assert german != english
    assert typed.strip() in german if typed.strip() else german == "Bitte geben Sie ein Datum ein."


def test_month_names_in_date_errors_follow_the_interface_language(app):
    with pytest.raises(FuzzyDateError) as caught:
        parse_fuzzy_date("30.02.2023")
    assert str(caught.value) == "‘30.02.2023’: February 2023 has no day 30."
    assert caught.value.params_for("de")["month"] == "Februar 2023"
    with app.test_request_context(), force_locale("de"):
        message = date_error_message(caught.value)
    assert message == "„30.02.2023“: Den 30. Februar 2023 gibt es nicht."
