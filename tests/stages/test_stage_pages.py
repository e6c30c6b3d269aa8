"""A partnership's life through the pages: stages recorded from its page appear on it, on the
timeline and on the city page; the partnership form guesses the cities and the status."""

from pages.helpers import create, edit, find, make_city, page, show, submit

from partnership.partners.models import Partnership, PartnershipKind, PartnershipStatus
from partnership.stages.models import PartnershipStage


def home_and_partner(editor) -> tuple[int, int]:
    return make_city(editor, "Dortmund", "DE", is_home=True), make_city(editor, "Rostov", "RU")


def test_a_stage_added_from_the_partnership_page_tells_its_story_everywhere(editor, app):
    home_id, partner_id = home_and_partner(editor)
    partnership_id = create(
        editor,
        "partnerships",
        home_city_id=home_id,
        partner_city_id=partner_id,
        kind="twinning",
        status="active",
    )
    shown = show(editor, "partnerships", partnership_id)
    add_url = f"/stages/new?partnership={partnership_id}"
    assert shown.links_to(add_url)
    form = page(editor.get(add_url))
    assert form.field("partnership_id").value == str(partnership_id)

    response = submit(
        editor, add_url, {"stage": "suspended", "date": "March 2022", "decision": "Council 1/22"}
    )
    assert response.status_code == 302, page(response).text[:1500]
    stage_url = response.headers["Location"]
    with app.app_context():
        stage = find(PartnershipStage, partnership_id=partnership_id)
        assert stage.title == "Partnership suspended"
        assert stage.partner_city_id == partner_id
        assert find(Partnership, id=partnership_id).status is PartnershipStatus.SUSPENDED

    life = show(editor, "partnerships", partnership_id)
    assert life.links_to(stage_url) and "Council 1/22" in life.text
    assert page(editor.get("/timeline/", query_string={"city": partner_id})).links_to(stage_url)
    assert show(editor, "cities", partner_id).links_to(stage_url)

    # Its status now follows the stages: the edit form shows it and does not take it.
    edit_form = page(editor.get(f"/partnerships/{partnership_id}/edit"))
    assert "disabled" in edit_form.field("status").attrs
    assert "stages" in edit_form.text
    edit(editor, "partnerships", partnership_id, notes="Paused since the war")
    with app.app_context():
        assert find(Partnership, id=partnership_id).status is PartnershipStatus.SUSPENDED
    hits = editor.get("/lookup/partnership", query_string={"q": "rost"}).get_json()
    assert [hit["id"] for hit in hits["results"]] == [partnership_id]


def test_resuming_without_a_suspension_is_refused_next_to_the_field(editor, app):
    home_id, partner_id = home_and_partner(editor)
    partnership_id = create(
        editor, "partnerships", home_city_id=home_id, partner_city_id=partner_id, kind="friendship"
    )
    response = submit(
        editor, f"/stages/new?partnership={partnership_id}", {"stage": "resumed", "date": "2023"}
    )
    assert response.status_code == 422
    page(response).assert_error("stage", "suspended")
    with app.app_context():
        assert find(PartnershipStage, partnership_id=partnership_id) is None


def test_partnership_form_from_a_city_page_preselects_it_and_refuses_the_home_city(editor, app):
    home_id, partner_id = home_and_partner(editor)
    city_page = show(editor, "cities", partner_id)
    new_url = f"/partnerships/new?partner_city={partner_id}"
    assert city_page.links_to(new_url)
    form = page(editor.get(new_url))
    assert form.field("partner_city_id").value == str(partner_id)
    assert form.field("home_city_id").value == str(home_id)
    # Opened from the home city's page, the home city is not offered as the partner.
    assert (
        page(editor.get(f"/partnerships/new?partner_city={home_id}")).field("partner_city_id").value
        == ""
    )
    hits = editor.get("/lookup/partner_city", query_string={"q": "Dortmund"}).get_json()
    assert hits["results"] == []

    other_id = make_city(editor, "Amiens", "FR")
    refused = submit(
        editor, "/partnerships/new", {"home_city_id": other_id, "partner_city_id": home_id}
    )
    assert refused.status_code == 422
    page(refused).assert_error("partner_city_id", "Dortmund is the home city")
    with app.app_context():
        assert find(Partnership, partner_city_id=home_id) is None


def test_new_partnership_is_active_when_it_began_in_the_past(editor, app):
    home_id, partner_id = home_and_partner(editor)
    form = page(editor.get("/partnerships/new"))
    assert form.field("status").value == ""
    partnership_id = create(
        editor, "partnerships", partner_city_id=partner_id, kind="twinning", since="1977"
    )
    with app.app_context():
        saved = find(Partnership, id=partnership_id)
        assert saved.status is PartnershipStatus.ACTIVE
        assert saved.kind is PartnershipKind.TWINNING
        assert saved.home_city_id == home_id
