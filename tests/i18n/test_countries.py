"""Countries are chosen and shown by name in the reader's language, and stored as ISO codes."""

import pytest
from page_reader import text_of
from pages.helpers import find, make_city, page, submit

from partnership.countries import COUNTRY_CODES, code_for, country_name
from partnership.extensions import db
from partnership.imports.countries import Country
from partnership.imports.values import CellError
from partnership.partners.models import City

from .conftest import speaking


def hits(client, query: str) -> list[dict]:
    response = client.get("/lookup/country", query_string={"q": query})
    assert response.status_code == 200
    return response.get_json()["results"]


def test_names_in_both_languages_and_codes_read_back():
    assert (country_name("FR", "de"), country_name("FR", "en")) == ("Frankreich", "France")
    assert country_name("ua", "de") == "Ukraine"
    assert country_name("QQ", "en") == "QQ", "an unknown stored code still shows"
    for typed in ("Frankreich", "france", "FRANCE", "FR", "fr"):
        assert code_for(typed) == "FR", typed
    assert (code_for("Türkei"), code_for("Turkey"), code_for("Tuerkei")) == ("TR", "TR", None)
    assert code_for("Europäische Union") is None, "unions and regions are no countries"
    assert {"DE", "UA", "XK"} <= COUNTRY_CODES and not {"EU", "UN", "ZZ"} & COUNTRY_CODES


def test_an_import_reads_a_code_or_a_name_and_writes_the_code(app_ctx):
    cell = Country()
    assert [cell.read(text, None) for text in ("fr", "Frankreich", "France")] == ["FR"] * 3
    assert cell.write("FR") == "FR"
    with pytest.raises(CellError, match="ISO 3166"):
        cell.read("Atlantis", None)


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_lookup_finds_a_country_by_either_name_or_code(editor, language):
    speaking(editor, language)
    label = {"de": "Frankreich", "en": "France"}[language]
    for typed in ("Frankreich", "France", "FR", "frank"):
        assert hits(editor, typed)[0] == {"id": "FR", "label": label, "detail": "FR"}, typed
    assert [hit["id"] for hit in hits(editor, "xyzzy")] == []
    assert len(hits(editor, "")) == 20, "a screenful, not every country"


def test_a_city_typed_with_a_german_country_name_is_stored_as_its_code(editor, app):
    speaking(editor, "de")
    response = submit(
        editor,
        "/cities/new",
        {"name": "Lyon", "country_code": "", "country_code-text": "Frankreich"},
    )
    assert response.status_code == 302, text_of(response)[:2000]
    with app.app_context():
        assert find(City, name="Lyon").country_code == "FR"


def test_a_country_no_one_has_is_refused_next_to_the_field(editor, app):
    response = submit(editor, "/cities/new", {"name": "Atlantis", "country_code-text": "Atlantis"})
    assert response.status_code == 422
    form = page(response)
    form.assert_error("country_code", "ISO 3166")
    assert form.field("country_code").attrs["value"] == "Atlantis"
    with app.app_context():
        assert find(City, name="Atlantis") is None


def test_the_city_page_list_and_search_show_the_country_by_name(editor, app):
    city = make_city(editor, "Poznań", country_code="PL")
    with app.app_context():
        assert db.session.get(City, city).country_code == "PL"

    speaking(editor, "de")
    shown = text_of(editor.get(f"/cities/{city}"))
    assert "Land Polen" in shown and " PL " not in shown
    assert "Polen" in text_of(editor.get("/cities/", query_string={"q": "Poznań"}))
    assert "Polen" in text_of(editor.get("/search/", query_string={"q": "Poznań"}))
    edit_form = page(editor.get(f"/cities/{city}/edit"))
    assert edit_form.field("country_code").attrs["value"] == "Polen"

    speaking(editor, "en")
    assert "Poland" in text_of(editor.get(f"/cities/{city}"))
    assert "Poland" in text_of(editor.get("/cities/"))
    listed = editor.get("/cities/export.csv").get_data(as_text=True)
    assert "Poznań,,PL," in listed, "downloads keep the code machines read"
