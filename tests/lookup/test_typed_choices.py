"""Record fields without a script: the server resolves the typed name, or says why not."""

from pages.helpers import (
    detail_id,
    find,
    make_article,
    make_city,
    make_contact,
    make_milestone,
    make_organisation,
    make_visit,
    page,
    submit,
)
from werkzeug.datastructures import MultiDict

from partnership.extensions import db
from partnership.partners.models import City, CityName, Organisation, Partnership
from partnership.press.models import PressArticle

ZHYTOMYR_NAMES = "de: Schytomyr\nuk: Житомир"


def new_partnership(client, **changes):
    return submit(client, "/partnerships/new", changes)


def stored_partnership(app, partnership_id) -> tuple[int, int, int | None]:
    with app.app_context():
        row = db.session.get(Partnership, partnership_id)
        return row.home_city_id, row.partner_city_id, row.coordinator_id


def add_city(app, name, country_code, region="") -> int:
    with app.app_context():
        city = City(name=name, country_code=country_code, region=region)
        city.names.append(CityName(name))
        db.session.add(city)
        db.session.commit()
        return city.id


def test_typed_names_choose_the_cities_folded_and_under_any_name(editor, app):
    dortmund = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    zhytomyr = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)

    response = new_partnership(
        editor, **{"home_city_id-text": "dortmund", "partner_city_id-text": "ZHYTOMYR "}
    )
    created = detail_id(response, "partnerships")
    assert stored_partnership(app, created)[:2] == (dortmund, zhytomyr)

    for number, typed in enumerate(("Житомир", "schytomyr", "Zhýtomyr")):
        fields = {"name": f"Club {number}", "kind": "NGO", "city_id-text": typed}
        organisation = detail_id(submit(editor, "/organisations/new", fields), "organisations")
        with app.app_context():
            assert db.session.get(Organisation, organisation).city_id == zhytomyr, typed


def test_a_name_several_cities_share_lists_them_to_choose_from(editor, app):
    make_city(editor, "Dortmund", country_code="DE", is_home=True)
    illinois = add_city(app, "Springfield", "US", "Illinois")
    missouri = add_city(app, "Springfield", "US", "Missouri")

    response = new_partnership(editor, **{"partner_city_id-text": "Springfield"})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("partner_city_id", "Several entries are called “Springfield”.")
    assert form.field("partner_city_id").attrs["value"] == "Springfield"
    offered = [c for c in form.form().controls if c.name == "partner_city_id"]
    assert sorted((c.attrs["value"], c.type) for c in offered) == sorted(
        [(str(illinois), "radio"), (str(missouri), "radio")]
    )
    with app.app_context():
        assert find(Partnership, partner_city_id=illinois) is None

    # Ticking one of them and sending the form again chooses it; the typed text stays.
    ticked = MultiDict([*form.form().data(), ("partner_city_id", str(missouri))])
    chosen = editor.post("/partnerships/new", data=ticked)
    created = detail_id(chosen, "partnerships")
    assert stored_partnership(app, created)[1] == missouri


def test_an_unknown_name_is_refused_and_kept_with_suggestions(editor, app):
    make_city(editor, "Dortmund", country_code="DE", is_home=True)
    zhytomyr = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)

    response = new_partnership(editor, **{"partner_city_id-text": "Zhyto"})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("partner_city_id", "Nothing is called “Zhyto”. Did you mean one of these?")
    assert form.field("partner_city_id").attrs["value"] == "Zhyto"
    assert form.field("partner_city_id-candidate-1").attrs["value"] == str(zhytomyr)
    assert "Zhytomyr" in form.text

    nothing = page(new_partnership(editor, **{"partner_city_id-text": "Atlantis"}))
    nothing.assert_error("partner_city_id", "Nothing is called “Atlantis”. Check the spelling")
    assert "partner_city_id-candidate-1" not in nothing.by_id


def test_a_forged_id_of_a_missing_or_archived_record_is_refused(editor, app):
    make_city(editor, "Dortmund", country_code="DE", is_home=True)
    archived = make_city(editor, "Gone")
    assert editor.post(f"/cities/{archived}/delete").status_code == 302

    for forged in (archived, 999_999, 2**40, "12abc", "-3"):
        response = new_partnership(editor, partner_city_id=forged)
        assert response.status_code == 422, forged
        page(response).assert_error("partner_city_id", "no longer exists or was archived")
    with app.app_context():
        assert db.session.scalars(db.select(Partnership)).first() is None


def test_a_record_outside_the_source_is_refused(editor, app):
    ngo = make_organisation(editor, "Youth Council", kind="NGO")

    by_id = submit(editor, "/programmes/new", {"name": "Odd fund", "funder_id": ngo})
    by_name = submit(editor, "/programmes/new", {"name": "Odd fund", "funder_id-text": "Youth"})

    page(by_id).assert_error("funder_id", "no longer exists or was archived")
    page(by_name).assert_error("funder_id", "Nothing is called “Youth”.")


def test_the_edit_form_shows_the_chosen_names(editor, app):
    dortmund = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    zhytomyr = make_city(editor, "Zhytomyr", other_names=ZHYTOMYR_NAMES)
    olena = make_contact(editor, "Olena Kovalenko")
    created = detail_id(
        new_partnership(
            editor, home_city_id=dortmund, partner_city_id=zhytomyr, coordinator_id=olena
        ),
        "partnerships",
    )

    form = page(editor.get(f"/partnerships/{created}/edit"))

    for field_id, name, chosen in (
        ("home_city_id", "Dortmund", dortmund),
        ("partner_city_id", "Zhytomyr", zhytomyr),
        ("coordinator_id", "Olena Kovalenko", olena),
    ):
        assert form.field(field_id).attrs["value"] == name
        assert form.field(field_id).value == str(chosen)


def test_text_typed_over_an_earlier_choice_replaces_it(editor, app):
    dortmund = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    zhytomyr = make_city(editor, "Zhytomyr")
    berdychiv = make_city(editor, "Berdychiv")
    olena = make_contact(editor, "Olena Kovalenko")
    created = detail_id(
        new_partnership(
            editor, home_city_id=dortmund, partner_city_id=zhytomyr, coordinator_id=olena
        ),
        "partnerships",
    )

    # The hidden ids still name the earlier choices, as a browser without script sends them.
    response = submit(
        editor,
        f"/partnerships/{created}/edit",
        {"partner_city_id-text": "Berdychiv", "coordinator_id-text": ""},
    )

    assert detail_id(response, "partnerships") == created
    assert stored_partnership(app, created) == (dortmund, berdychiv, None)


def test_an_unchanged_edit_keeps_namesakes_apart(editor, app):
    make_city(editor, "Dortmund", country_code="DE", is_home=True)
    add_city(app, "Springfield", "US", "Illinois")
    missouri = add_city(app, "Springfield", "US", "Missouri")
    created = detail_id(new_partnership(editor, partner_city_id=missouri), "partnerships")

    response = submit(editor, f"/partnerships/{created}/edit", {"notes": "Twinned in 1990"})

    assert detail_id(response, "partnerships") == created
    assert stored_partnership(app, created)[1] == missouri


def test_several_records_are_chosen_by_ticked_boxes_and_typed_names(editor, app):
    city = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    visit = make_visit(editor, city, title="Mayors meet in Kharkiv")
    milestone = make_milestone(editor, title="Council decides the twinning")

    typed_title = {"event_ids-text": "council decides the twinning"}
    typed = make_article(editor, title="Report", **typed_title)
    with app.app_context():
        assert [e.id for e in db.session.get(PressArticle, typed).events] == [milestone]

    form = page(editor.get(f"/press/{typed}/edit"))
    assert form.field("event_ids").value == [str(milestone)]
    assert "checked" in form.field(f"event_ids-{milestone}").attrs

    # Unticking a box removes that event; the typed title adds another.
    response = submit(
        editor,
        f"/press/{typed}/edit",
        {"event_ids": [], "event_ids-text": "Mayors meet in Kharkiv"},
    )
    assert detail_id(response, "press") == typed
    with app.app_context():
        assert [e.id for e in db.session.get(PressArticle, typed).events] == [visit]


def test_several_choices_refuse_a_forged_id_and_keep_the_valid_ones(editor, app):
    city = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    visit = make_visit(editor, city, title="Mayors meet in Kharkiv")

    response = submit(editor, "/press/new", {"title": "Report", "event_ids": [visit, 999_999]})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("event_ids", "no longer exists or was archived")
    assert form.field("event_ids").value == [str(visit)]
    with app.app_context():
        assert find(PressArticle, title="Report") is None


def test_an_ambiguous_name_among_several_choices_offers_boxes(editor, app):
    city = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    first = make_visit(editor, city, title="Mayors meet", date="2023")
    second = make_visit(editor, city, title="Mayors meet", date="2024")

    response = submit(editor, "/press/new", {"title": "Report", "event_ids-text": "mayors meet"})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("event_ids", "Several entries are called “mayors meet”.")
    offered = [c for c in form.form().controls if c.name == "event_ids"]
    assert sorted(c.attrs["value"] for c in offered) == sorted([str(first), str(second)])
    assert all(c.type == "checkbox" and "checked" not in c.attrs for c in offered)

    ticked = MultiDict([*form.form().data(), ("event_ids", str(second))])
    chosen = editor.post("/press/new", data=ticked)
    article = detail_id(chosen, "press")
    with app.app_context():
        assert [e.id for e in db.session.get(PressArticle, article).events] == [second]
