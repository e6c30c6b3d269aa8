"""Cities, partnerships and organisations through their pages, as an editor uses them."""

import pytest

from partnership.partners.models import City, CityName, Organisation, Partnership

from .archive_helpers import in_archive, restore
from .helpers import (
    NO_MATCH,
    count,
    create,
    delete,
    detail_id,
    edit,
    find,
    id_of,
    list_page,
    listed,
    make_city,
    make_organisation,
    page,
    show,
    submit,
)

ZHYTOMYR_NAMES = "de: Schytomyr\nuk: Житомир"


def city_names(app, city_id):
    with app.app_context():
        city = find(City, id=city_id)
        return sorted((n.language, n.name) for n in city.names)


# Cities ---------------------------------------------------------------------------------------


def test_create_city_stores_it_and_shows_it(editor, app):
    response = submit(
        editor,
        "/cities/new",
        {
            "name": "Zhytomyr",
            "country_code": "ua",
            "region": "Zhytomyr Oblast",
            "other_names": ZHYTOMYR_NAMES,
            "notes": "Partner since the war.",
        },
    )
    city_id = detail_id(response, "cities")

    with app.app_context():
        city = find(City, id=city_id)
        assert city.name == "Zhytomyr"
        assert city.country_code == "UA"
        assert city.region == "Zhytomyr Oblast"
        assert not city.is_home
    assert city_names(app, city_id) == [("", "Zhytomyr"), ("de", "Schytomyr"), ("uk", "Житомир")]

    shown = show(editor, "cities", city_id)
    assert "Zhytomyr" in shown.text
    assert "Schytomyr (de)" in shown.text
    assert "Житомир (uk)" in shown.text
    assert "Zhytomyr Oblast" in shown.text
    assert "Partner since the war." in shown.text
    assert "City “Zhytomyr” was created." in shown.text


def test_edit_city_shows_the_change(editor, app):
    city_id = make_city(editor, "Kharkiv", region="Kharkiv Oblast")

    edit(editor, "cities", city_id, region="Slobozhanshchyna", country_code="ua")

    with app.app_context():
        assert find(City, id=city_id).region == "Slobozhanshchyna"
    shown = show(editor, "cities", city_id)
    assert "Slobozhanshchyna" in shown.text
    assert "Kharkiv Oblast" not in shown.text


def test_city_list_search_finds_by_any_name_and_not_by_others(editor):
    city_id = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)
    other_id = make_city(editor, "Lviv")

    for query in ("Zhytomyr", "zhyto", "Schytomyr", "SCHYTOMYR", "Житомир", "житомир"):
        assert listed(editor, "cities", city_id, query), query
        assert not listed(editor, "cities", other_id, query), query
    assert not listed(editor, "cities", city_id, NO_MATCH)
    assert f"No cities match “{NO_MATCH}”" in list_page(editor, "cities", NO_MATCH).text
    assert listed(editor, "cities", city_id)


def test_city_search_strips_diacritics(editor):
    city_id = make_city(editor, "Chernivtsi", other_names="cs: Černovice\nuk: Чернівці")

    for query in ("cernovice", "ČERNOVICE", "Černovice", "чернівці", "ЧЕРНІВЦІ"):
        assert listed(editor, "cities", city_id, query), query


def test_demo_zhytomyr_is_found_under_its_other_names(editor, demo, app):
    zhytomyr = id_of(app, City, name="Zhytomyr")
    dortmund = id_of(app, City, name="Dortmund")

    for query in ("Schytomyr", "житомир", "ЖИТОМИР", "zytomierz", "ZYTOMIERZ", "Żytomierz"):
        assert listed(editor, "cities", zhytomyr, query), query
        assert not listed(editor, "cities", dortmund, query), query
    assert listed(editor, "cities", dortmund, "дортмунд")
    assert not listed(editor, "cities", zhytomyr, "Dortmund")


def test_delete_city_archives_it_with_its_names(editor, app):
    city_id = make_city(editor, "Mariupol", other_names="uk: Маріуполь")

    confirm = editor.get(f"/cities/{city_id}/delete")
    assert confirm.status_code == 200
    # Deleting moves the city to the archive (see tests/trust for what the page says about it).
    assert page(confirm).form("").data() is not None

    response = delete(editor, "cities", city_id)
    assert response.status_code == 302
    assert response.headers["Location"] == "/cities/"

    assert editor.get(f"/cities/{city_id}").status_code == 404
    assert not listed(editor, "cities", city_id)
    assert not listed(editor, "cities", city_id, "Маріуполь")
    assert in_archive(app, "City", city_id)
    with app.app_context():
        assert find(City, id=city_id) is None
        assert count(CityName) == 2, "the archived city keeps its names for a restore"

    restore(app, "City", city_id)
    assert listed(editor, "cities", city_id, "Маріуполь")
    assert city_names(app, city_id) == [("", "Mariupol"), ("uk", "Маріуполь")]


def test_city_with_invalid_country_code_keeps_what_was_typed(editor, app):
    response = submit(
        editor,
        "/cities/new",
        {"name": "Kherson", "country_code": "UKR", "other_names": "uk: Херсон"},
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("country_code", "Enter the two-letter ISO 3166 code")
    assert form.field("name").value == "Kherson"
    assert form.field("country_code").attrs["value"] == "UKR", "the typed text is kept"
    assert form.field("other_names").value == "uk: Херсон"
    assert not form.field("name").invalid
    with app.app_context():
        assert count(City) == 0


def test_city_without_a_name_is_refused(editor, app):
    response = submit(editor, "/cities/new", {"name": "", "country_code": "PL", "region": "Lublin"})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("name", "This field is required.")
    assert form.field("country_code").value == "PL"
    assert form.field("region").value == "Lublin"
    assert "Please check the form" in form.text
    with app.app_context():
        assert count(City) == 0


def test_city_other_names_survive_an_unchanged_edit(editor, app):
    city_id = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)
    before = city_names(app, city_id)

    form = page(editor.get(f"/cities/{city_id}/edit"))
    assert form.field("other_names").value.splitlines() == ["de: Schytomyr", "uk: Житомир"]
    edit(editor, "cities", city_id)

    assert city_names(app, city_id) == before


def test_city_other_names_can_be_changed_on_edit(editor, app):
    city_id = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)

    edit(editor, "cities", city_id, other_names="uk: Житомир\npl: Żytomierz")

    assert city_names(app, city_id) == [("", "Zhytomyr"), ("pl", "Żytomierz"), ("uk", "Житомир")]
    assert listed(editor, "cities", city_id, "zytomierz")
    assert not listed(editor, "cities", city_id, "Schytomyr")


def test_renaming_a_city_keeps_its_other_names_on_the_page(editor, app):
    city_id = make_city(editor, "Zhitomir", other_names=ZHYTOMYR_NAMES)

    edit(editor, "cities", city_id, name="Zhytomyr")

    assert city_names(app, city_id) == [("", "Zhytomyr"), ("de", "Schytomyr"), ("uk", "Житомир")]
    shown = show(editor, "cities", city_id)
    assert "Schytomyr (de)" in shown.text
    assert "Житомир (uk)" in shown.text
    edit_form = page(editor.get(f"/cities/{city_id}/edit"))
    assert edit_form.field("other_names").value.splitlines() == ["de: Schytomyr", "uk: Житомир"]
    assert listed(editor, "cities", city_id, "Schytomyr")
    assert not listed(editor, "cities", city_id, "Zhitomir")


def test_marking_a_new_home_city_unmarks_the_old_one(editor, app):
    old = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    new = make_city(editor, "Bochum", country_code="DE", is_home=True)

    with app.app_context():
        assert not find(City, id=old).is_home
        assert find(City, id=new).is_home


# Partnerships ---------------------------------------------------------------------------------


@pytest.fixture
def two_cities(editor):
    home = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    partner = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)
    return home, partner


def test_new_partnership_form_starts_with_the_home_city(editor, two_cities):
    home, _ = two_cities
    form = page(editor.get("/partnerships/new"))
    assert form.field("home_city_id").value == str(home)


def test_create_partnership_stores_it_and_shows_it(editor, app, two_cities):
    home, partner = two_cities

    partnership_id = create(
        editor,
        "partnerships",
        partner_city_id=partner,
        kind="solidarity",
        status="active",
        since="Februar 2022",
        notes="Support during the war.",
    )

    with app.app_context():
        partnership = find(Partnership, id=partnership_id)
        assert (partnership.home_city_id, partnership.partner_city_id) == (home, partner)
        assert partnership.kind == "solidarity"
        assert str(partnership.since) == "February 2022"
    shown = show(editor, "partnerships", partnership_id)
    assert "Dortmund – Zhytomyr" in shown.text
    assert "February 2022" in shown.text
    assert "Support during the war." in shown.text
    assert shown.links_to(f"/cities/{partner}")
    assert show(editor, "cities", partner).links_to(f"/partnerships/{partnership_id}")


def test_edit_partnership_shows_the_change(editor, app, two_cities):
    _, partner = two_cities
    partnership_id = create(editor, "partnerships", partner_city_id=partner, status="planned")

    edit(editor, "partnerships", partnership_id, status="suspended", since="voraussichtlich 2025")

    with app.app_context():
        partnership = find(Partnership, id=partnership_id)
        assert partnership.status == "suspended"
        assert partnership.since.tentative
    shown = show(editor, "partnerships", partnership_id)
    assert "suspended" in shown.text
    assert "probably 2025" in shown.text


def test_partnership_survives_an_unchanged_edit(editor, app, two_cities):
    home, partner = two_cities
    coordinator = create(editor, "contacts", name="Fabian Zeuch")
    partnership_id = create(
        editor,
        "partnerships",
        partner_city_id=partner,
        kind="twinning",
        status="active",
        since="voraussichtlich Q2 2022",
        coordinator_id=coordinator,
    )

    form = page(editor.get(f"/partnerships/{partnership_id}/edit"))
    assert form.field("since").value == "probably Q2 2022"
    assert form.field("coordinator_id").value == str(coordinator)
    edit(editor, "partnerships", partnership_id)

    with app.app_context():
        partnership = find(Partnership, id=partnership_id)
        assert (partnership.home_city_id, partnership.partner_city_id) == (home, partner)
        assert (partnership.kind, partnership.status) == ("twinning", "active")
        assert str(partnership.since) == "probably Q2 2022"
        assert partnership.coordinator_id == coordinator


def test_partnership_list_search(editor, two_cities):
    _, partner = two_cities
    other = make_city(editor, "Lviv")
    partnership_id = create(editor, "partnerships", partner_city_id=partner)
    other_id = create(editor, "partnerships", partner_city_id=other)

    for query in ("Zhytomyr", "Schytomyr", "житомир"):
        assert listed(editor, "partnerships", partnership_id, query), query
        assert not listed(editor, "partnerships", other_id, query), query
    assert not listed(editor, "partnerships", partnership_id, NO_MATCH)


def test_delete_partnership(editor, app, two_cities):
    _, partner = two_cities
    partnership_id = create(editor, "partnerships", partner_city_id=partner)

    assert delete(editor, "partnerships", partnership_id).status_code == 302

    assert editor.get(f"/partnerships/{partnership_id}").status_code == 404
    assert not listed(editor, "partnerships", partnership_id)
    with app.app_context():
        assert count(Partnership) == 0
        assert count(City) == 2


def test_city_cannot_partner_itself(editor, app, two_cities):
    home, _ = two_cities

    response = submit(editor, "/partnerships/new", {"partner_city_id": home, "since": "1990"})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("partner_city_id", "A city cannot be its own partner.")
    assert form.field("since").value == "1990"
    with app.app_context():
        assert count(Partnership) == 0


def test_partnership_with_impossible_since_date_keeps_the_typed_date(editor, app, two_cities):
    _, partner = two_cities

    response = submit(
        editor,
        "/partnerships/new",
        {"partner_city_id": partner, "since": "31.02.2024", "notes": "typed notes"},
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("since", "February 2024 has no day 31")
    assert form.field("since").value == "31.02.2024"
    assert form.field("partner_city_id").value == str(partner)
    assert form.field("notes").value == "typed notes"
    with app.app_context():
        assert count(Partnership) == 0


def test_duplicate_partnership_is_explained_not_saved(editor, app, two_cities):
    _, partner = two_cities
    create(editor, "partnerships", partner_city_id=partner)

    response = submit(editor, "/partnerships/new", {"partner_city_id": partner, "notes": "again"})

    assert response.status_code == 422
    form = page(response)
    assert "would duplicate a record" in form.text
    assert form.field("notes").value == "again"
    with app.app_context():
        assert count(Partnership) == 1


# Organisations --------------------------------------------------------------------------------


def test_create_organisation_stores_it_and_shows_it(editor, app):
    city = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)

    organisation_id = create(
        editor,
        "organisations",
        name="Zhytomyr Volunteer Headquarter",
        kind="NGO",
        city_id=city,
        website=" https://example.org/volunteers ",
    )

    with app.app_context():
        organisation = find(Organisation, id=organisation_id)
        assert organisation.name == "Zhytomyr Volunteer Headquarter"
        assert organisation.kind == "NGO"
        assert organisation.city_id == city
        assert organisation.website == "https://example.org/volunteers"
    shown = show(editor, "organisations", organisation_id)
    assert "Zhytomyr Volunteer Headquarter" in shown.text
    assert shown.links_to("https://example.org/volunteers")
    assert shown.links_to(f"/cities/{city}")
    assert show(editor, "cities", city).links_to(f"/organisations/{organisation_id}")


def test_edit_organisation_shows_the_change(editor, app):
    organisation_id = make_organisation(editor, "Volunteer HQ", kind="NGO")

    edit(editor, "organisations", organisation_id, name="Volunteer Headquarter", kind="company")

    with app.app_context():
        organisation = find(Organisation, id=organisation_id)
        assert (organisation.name, organisation.kind) == ("Volunteer Headquarter", "company")
    shown = show(editor, "organisations", organisation_id)
    assert "Volunteer Headquarter" in shown.text
    assert "company" in shown.text


def test_organisation_list_search_by_name_and_city(editor):
    city = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)
    organisation_id = make_organisation(editor, "Volunteer Headquarter", city_id=city)
    other_id = make_organisation(editor, "Chamber of Crafts")

    for query in ("volunteer", "HEADQUARTER", "Schytomyr"):
        assert listed(editor, "organisations", organisation_id, query), query
        assert not listed(editor, "organisations", other_id, query), query
    assert not listed(editor, "organisations", organisation_id, NO_MATCH)


def test_delete_organisation(editor, app):
    organisation_id = make_organisation(editor, "Short-lived Club")

    assert delete(editor, "organisations", organisation_id).status_code == 302

    assert editor.get(f"/organisations/{organisation_id}").status_code == 404
    assert not listed(editor, "organisations", organisation_id)
    with app.app_context():
        assert count(Organisation) == 0


def test_organisation_with_script_website_is_refused(editor, app):
    response = submit(
        editor,
        "/organisations/new",
        {"name": "Shady Club", "website": "javascript:alert(1)"},
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("website", "Enter a web address starting with http:// or https://.")
    assert form.field("name").value == "Shady Club"
    assert form.field("website").value == "javascript:alert(1)"
    with app.app_context():
        assert count(Organisation) == 0


def test_typed_markup_is_shown_as_text(editor):
    city_id = make_city(editor, "<script>alert(1)</script>", notes="<b>bold</b>")

    html = editor.get(f"/cities/{city_id}").get_data(as_text=True)

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


@pytest.mark.parametrize("query", ["%", "_", "L%v"])
def test_search_wildcards_are_taken_literally(editor, query):
    """A typed % or _ is a character to look for, not 'anything'."""
    city_id = make_city(editor, "Lviv")
    organisation_id = make_organisation(editor, "Lviv Youth Council")

    found = {
        "cities": listed(editor, "cities", city_id, query),
        "organisations": listed(editor, "organisations", organisation_id, query),
    }

    assert found == {"cities": False, "organisations": False}
