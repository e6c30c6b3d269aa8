"""A Ukrainian reader gets the interface in Ukrainian: texts, dates, amounts, plural forms,
the demo's events, and cities under their Ukrainian names (Житомир), while a German reader
reads Schytomyr and an English one Zhytomyr; downloads keep the name an import reads back."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from flask_babel import force_locale, ngettext
from page_reader import form_fields
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import select

from partnership.agreements.models import Agreement
from partnership.extensions import db
from partnership.formatting import format_amount, format_day, format_fuzzy
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners import display

from .conftest import speaking
from .i18n_helpers import assert_words, demo_ids, text_of

CATALOGUE = Path(__file__).parents[2] / "partnership/translations/uk/LC_MESSAGES/messages.po"
UKRAINIAN = "uk-UA,uk;q=0.9,en;q=0.5"


@pytest.fixture(scope="module", autouse=True)
def compiled_ukrainian_catalogue():
    compiled = CATALOGUE.with_suffix(".mo")
    if not compiled.exists() or compiled.stat().st_mtime < CATALOGUE.stat().st_mtime:
        pytest.fail(
            "The Ukrainian catalogue is not compiled or out of date: run `make translations`."
        )


@pytest.fixture
def ukrainian(editor, demo):
    return speaking(editor, UKRAINIAN)


def test_a_ukrainian_browser_gets_ukrainian_pages(ukrainian):
    response = ukrainian.get("/")
    assert '<html lang="uk">' in response.get_data(as_text=True)
    assert_words(
        text_of(response),
        present=["Хронологія", "Партнери", "Останні події", "Вийти"],
        absent=["Timeline", "Log out", "Latest events"],
    )


def test_the_chooser_offers_ukrainian_and_its_cookie_beats_the_browser(client, demo, auth):
    auth.login()
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert 'value="uk" lang="uk"' in page and "Українська" in page
    client.post("/language", data={"language": "uk", "next": "/cities/"})
    assert client.get_cookie("lang").value == "uk"
    cities = client.get("/cities/", headers={"Accept-Language": "de"})
    assert "Міста" in text_of(cities) and "Städte" not in text_of(cities)


def test_the_demo_events_read_in_ukrainian_on_the_timeline_and_start_page(ukrainian):
    for url in ("/timeline/", "/"):
        assert_words(
            text_of(ukrainian.get(url)),
            present=["Делегація з Житомира відвідує Дортмунд"],
            absent=["Delegation from Zhytomyr visits Dortmund"],
        )
    timeline = text_of(ukrainian.get("/timeline/"))
    # Fuzzy dates at their precision: days with the month in the genitive, a month alone in the
    # nominative, and the word for an expected date.
    assert_words(timeline, present=["24–29 вересня 2023", "орієнтовно лютий 2024"])


def test_days_numbers_and_amounts_in_ukrainian_formats(app):
    with app.test_request_context(), force_locale("uk"):
        assert format_day(date(2023, 9, 24)) == "24 вересня 2023"
        assert format_amount(Decimal("1234.50"), "EUR") == "1\xa0234,50\xa0EUR"
        assert format_amount(Decimal("1234.50")) == "1\xa0234,50"
        assert format_fuzzy(parse_fuzzy_date("Q3 2023")) == "III кв. 2023"
        assert format_fuzzy(parse_fuzzy_date("30.09.2023 – 02.10.2023")) == (
            "30 вересня – 2 жовтня 2023"
        )


@pytest.mark.parametrize(
    "typed", ["24–29 вересня 2023", "вересень 2023", "III кв. 2023", "орієнтовно лютий 2024"]
)
def test_a_date_written_in_ukrainian_reads_back_as_the_same_date(typed):
    assert parse_fuzzy_date(typed).format("uk") == typed


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "1 учасник"),
        (2, "2 учасники"),
        (5, "5 учасників"),
        (11, "11 учасників"),
        (21, "21 учасник"),
    ],
)
def test_ukrainian_plural_forms(app, count, words):
    with app.test_request_context(), force_locale("uk"):
        assert ngettext("%(num)d participant", "%(num)d participants", count) == words


def test_an_edit_form_shows_a_ukrainian_date_that_saves_unchanged(ukrainian, app):
    with app.app_context():
        agreement = db.session.scalars(select(Agreement)).first()
        agreement_id, before = agreement.id, agreement.date
    url = f"/agreements/{agreement_id}/edit"
    form = form_fields(ukrainian.get(url).get_data(as_text=True))
    assert form["date"] == "24–29 вересня 2023"
    assert ukrainian.post(url, data=form).status_code == 302
    with app.app_context():
        assert db.session.get(Agreement, agreement_id).date == before


@pytest.mark.parametrize(
    ("browser", "name", "others"),
    [
        (UKRAINIAN, "Житомир", ["Zhytomyr", "Schytomyr"]),
        ("de-DE,de;q=0.9", "Schytomyr", ["Zhytomyr", "Житомир"]),
        ("en-GB,en;q=0.9", "Zhytomyr", ["Schytomyr", "Житомир"]),
    ],
)
def test_a_city_reads_in_the_readers_language(editor, demo, app, browser, name, others):
    reader = speaking(editor, browser)
    city = demo_ids(app)["zhytomyr"]
    assert text_of(reader.get(f"/cities/{city}")).startswith(f"{name} · ")
    # The timeline's entries and its city filter, and the list of partnerships name it too.
    timeline = reader.get(f"/timeline/?city={city}")
    assert f'value="{name}" data-lookup-shown' in timeline.get_data(as_text=True)
    assert f" · {name} " in text_of(timeline)
    assert_words(text_of(reader.get("/partnerships/")), present=[name], absent=others)


def test_a_download_keeps_the_main_names_an_import_reads_back(ukrainian):
    download = ukrainian.get("/partnerships/export.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(download.removeprefix("\ufeff"))))
    assert "Zhytomyr" in {cell for row in rows for cell in row}
    assert "Житомир" not in download


def test_a_list_page_asks_for_the_readers_names_at_most_once_more(editor, demo, app, monkeypatch):
    def statements(browser):
        found = []

        def remember(*args):
            found.append(args)

        with app.app_context():
            engine = db.engine
        sqlalchemy_event.listen(engine, "before_cursor_execute", remember)
        try:
            assert speaking(editor, browser).get("/partnerships/").status_code == 200
        finally:
            sqlalchemy_event.remove(engine, "before_cursor_execute", remember)
        return len(found)

    ukrainian = statements(UKRAINIAN)
    # The same page with every city under its main name, as before names followed the reader.
    monkeypatch.setattr(display, "_keeps_main_names", lambda: True)
    main_names = statements(UKRAINIAN)
    assert main_names <= ukrainian <= main_names + 1
