"""Contacts, delegations with their members, press articles, programmes and grants."""

import datetime
from decimal import Decimal

import pytest

from partnership.events.models import Event
from partnership.funding.models import Grant, GrantEvent, Programme
from partnership.people.models import Contact
from partnership.people.services import ContactValues, read_contact, save_contact
from partnership.press.models import PressArticle
from partnership.press.services import ArticleValues, read_article, save_article
from partnership.records.values import Invalid
from partnership.visits.models import Delegation, DelegationMember, Visit

from .archive_helpers import in_archive, restore
from .helpers import (
    NO_MATCH,
    count,
    delete,
    edit,
    find,
    id_of,
    listed,
    make_article,
    make_city,
    make_contact,
    make_delegation,
    make_funder,
    make_grant,
    make_milestone,
    make_organisation,
    make_programme,
    make_visit,
    page,
    show,
    submit,
)


@pytest.fixture
def city(editor):
    return make_city(editor, "Zhytomyr", other_names="de: Schytomyr\nuk: Житомир")


# Contacts -------------------------------------------------------------------------------------


def test_create_contact_stores_it_and_shows_it(editor, app, city):
    organisation = make_organisation(editor, "City of Zhytomyr", kind="city administration")

    contact_id = make_contact(
        editor,
        name=" Svitlana Olshanska ",
        role_title="Deputy mayor",
        organisation_id=organisation,
        city_id=city,
        email="s.olshanska@example.org",
        phone="+380 41 000000",
        languages="uk, en",
    )

    with app.app_context():
        contact = find(Contact, id=contact_id)
        assert contact.name == "Svitlana Olshanska"
        assert contact.organisation_id == organisation
        assert contact.email == "s.olshanska@example.org"
    shown = show(editor, "contacts", contact_id)
    assert "Svitlana Olshanska" in shown.text
    assert "Deputy mayor" in shown.text
    assert shown.links_to("mailto:s.olshanska@example.org")
    assert shown.links_to(f"/organisations/{organisation}")
    assert show(editor, "organisations", organisation).links_to(f"/contacts/{contact_id}")
    assert show(editor, "cities", city).links_to(f"/contacts/{contact_id}")


def test_edit_contact_shows_the_change(editor, app):
    contact_id = make_contact(editor, "Fabian Zeuch", role_title="Trainee")

    edit(editor, "contacts", contact_id, role_title="Partnership coordinator")

    with app.app_context():
        assert find(Contact, id=contact_id).role_title == "Partnership coordinator"
    shown = show(editor, "contacts", contact_id)
    assert "Partnership coordinator" in shown.text
    assert "Trainee" not in shown.text


def test_contact_list_search(editor):
    organisation = make_organisation(editor, "Volunteer Headquarter")
    contact_id = make_contact(
        editor, "Olena Kovalenko", email="olena@example.org", organisation_id=organisation
    )
    other_id = make_contact(editor, "Barbara Brunsing", role_title="Mayor")

    for query in ("kovalenko", "olena@example", "volunteer"):
        assert listed(editor, "contacts", contact_id, query), query
        assert not listed(editor, "contacts", other_id, query), query
    assert listed(editor, "contacts", other_id, "mayor")
    assert not listed(editor, "contacts", contact_id, NO_MATCH)


def test_delete_contact(editor, app):
    contact_id = make_contact(editor, "Temporary Person")

    assert delete(editor, "contacts", contact_id).status_code == 302

    assert editor.get(f"/contacts/{contact_id}").status_code == 404
    assert not listed(editor, "contacts", contact_id)
    with app.app_context():
        assert count(Contact) == 0


def test_contact_with_bad_email_keeps_what_was_typed(editor, app):
    response = submit(
        editor,
        "/contacts/new",
        {"name": "Olena Kovalenko", "email": "olena at example", "phone": "+380 1"},
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("email", "Enter an email address like name@example.org.")
    assert form.field("email").value == "olena at example"
    assert form.field("name").value == "Olena Kovalenko"
    assert form.field("phone").value == "+380 1"
    with app.app_context():
        assert count(Contact) == 0


def test_contact_without_name_is_refused(editor, app):
    response = submit(editor, "/contacts/new", {"name": "  ", "role_title": "Interpreter"})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("name", "This field is required.")
    assert form.field("role_title").value == "Interpreter"
    with app.app_context():
        assert count(Contact) == 0


def test_contact_service_checks_name_and_references_whoever_calls_it(app_ctx):
    contact = Contact()
    for values, field in [
        (ContactValues(name="  "), "name"),
        (ContactValues(name="Olena Kovalenko", organisation_id=9999), "organisation_id"),
        (ContactValues(name="Olena Kovalenko", city_id=9999), "city_id"),
    ]:
        with pytest.raises(Invalid) as refused:
            save_contact(contact, values)
        assert list(refused.value.errors) == [field]
    assert contact.name is None

    save_contact(contact, ContactValues(name=" Olena Kovalenko ", email=" olena@example.org "))

    assert read_contact(contact) == ContactValues(name="Olena Kovalenko", email="olena@example.org")


# Delegations and their members ----------------------------------------------------------------


def add_member(client, delegation_id, contact_id="", new_contact_name="", role=""):
    """Send the 'Add a member' form as a browser does: every field, empty or not."""
    return client.post(
        f"/delegations/{delegation_id}/members",
        data={"contact_id": contact_id, "new_contact_name": new_contact_name, "role": role},
    )


def members(app, delegation_id):
    with app.app_context():
        delegation = find(Delegation, id=delegation_id)
        return [(m.contact.name, m.role) for m in delegation.members]


def test_create_delegation_stores_it_and_shows_it(editor, app, city):
    head = make_contact(editor, "Svitlana Olshanska")

    delegation_id = make_delegation(
        editor,
        name="Delegation of Zhytomyr, September 2023",
        origin_city_id=city,
        head_id=head,
        size="6",
    )

    with app.app_context():
        delegation = find(Delegation, id=delegation_id)
        assert (delegation.origin_city_id, delegation.head_id, delegation.size) == (city, head, 6)
    shown = show(editor, "delegations", delegation_id)
    assert "Delegation of Zhytomyr, September 2023" in shown.text
    assert "the delegation had 6 people" in shown.text
    assert shown.links_to(f"/contacts/{head}")
    assert shown.links_to(f"/cities/{city}")
    assert "Head of Delegation of Zhytomyr, September 2023" in show(editor, "contacts", head).text


def test_edit_delegation_shows_the_change(editor, app):
    delegation_id = make_delegation(editor, "Youth delegation", size="4")

    edit(editor, "delegations", delegation_id, size="5", notes="One more joined.")

    with app.app_context():
        assert find(Delegation, id=delegation_id).size == 5
    shown = show(editor, "delegations", delegation_id)
    assert "the delegation had 5 people" in shown.text
    assert "One more joined." in shown.text


def test_editing_a_delegation_keeps_its_members(editor, app):
    delegation_id = make_delegation(editor, "Youth delegation", size="4")
    contact = make_contact(editor, "Olena Kovalenko")
    assert add_member(editor, delegation_id, contact, role="Teacher").status_code == 302

    edit(editor, "delegations", delegation_id, name="Youth delegation, spring 2024")

    assert members(app, delegation_id) == [("Olena Kovalenko", "Teacher")]
    with app.app_context():
        assert find(Delegation, id=delegation_id).size == 4
    assert "Olena Kovalenko · Teacher" in show(editor, "delegations", delegation_id).text


def test_delegation_list_search(editor, city):
    delegation_id = make_delegation(editor, "Mayors' delegation", origin_city_id=city)
    other_id = make_delegation(editor, "Choir")

    for query in ("mayors", "Schytomyr", "житомир"):
        assert listed(editor, "delegations", delegation_id, query), query
        assert not listed(editor, "delegations", other_id, query), query
    assert not listed(editor, "delegations", delegation_id, NO_MATCH)


def test_delete_delegation_with_members_keeps_the_people(editor, app):
    delegation_id = make_delegation(editor)
    contact = make_contact(editor, "Olena Kovalenko")
    assert add_member(editor, delegation_id, contact).status_code == 302

    assert delete(editor, "delegations", delegation_id).status_code == 302

    assert editor.get(f"/delegations/{delegation_id}").status_code == 404
    assert not listed(editor, "delegations", delegation_id)
    assert in_archive(app, "Delegation", delegation_id)
    with app.app_context():
        assert count(Delegation) == 0
        assert count(DelegationMember) == 1, "the archived delegation keeps its members"
        assert find(Contact, id=contact) is not None
    assert listed(editor, "contacts", contact)

    restore(app, "Delegation", delegation_id)
    assert "Olena Kovalenko" in show(editor, "delegations", delegation_id).text


def test_delegation_with_wrong_size_keeps_what_was_typed(editor, app):
    response = submit(editor, "/delegations/new", {"name": "Big group", "size": "six"})

    assert response.status_code == 422
    form = page(response)
    assert form.field("size").invalid
    assert form.error("size")
    assert form.field("size").value == "six"
    assert form.field("name").value == "Big group"
    with app.app_context():
        assert count(Delegation) == 0


def test_add_member_by_picking_a_contact(editor, app):
    delegation_id = make_delegation(editor, size="6")
    contact = make_contact(editor, "Svitlana Olshanska")

    response = submit(
        editor,
        f"/delegations/{delegation_id}",
        {"contact_id": contact, "role": "Deputy mayor"},
        action=f"/delegations/{delegation_id}/members",
    )

    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/delegations/{delegation_id}")
    assert members(app, delegation_id) == [("Svitlana Olshanska", "Deputy mayor")]
    shown = show(editor, "delegations", delegation_id)
    assert shown.links_to(f"/contacts/{contact}")
    assert "Svitlana Olshanska · Deputy mayor" in shown.text
    assert "5 more not known by name." in shown.text
    contact_page = show(editor, "contacts", contact)
    assert contact_page.links_to(f"/delegations/{delegation_id}")
    assert "(Deputy mayor)" in contact_page.text


def test_add_member_by_typing_a_new_name(editor, app, city):
    delegation_id = make_delegation(editor, origin_city_id=city)

    response = submit(
        editor,
        f"/delegations/{delegation_id}",
        {"new_contact_name": "  Andrii Petrenko ", "role": "Interpreter"},
        action=f"/delegations/{delegation_id}/members",
    )

    assert response.status_code == 302
    assert members(app, delegation_id) == [("Andrii Petrenko", "Interpreter")]
    with app.app_context():
        contact = find(Contact, name="Andrii Petrenko")
        assert contact is not None
        assert contact.city_id == city
        contact_id = contact.id
    assert show(editor, "delegations", delegation_id).links_to(f"/contacts/{contact_id}")
    assert listed(editor, "contacts", contact_id, "petrenko")


def test_adding_the_same_member_twice_is_refused(editor, app):
    delegation_id = make_delegation(editor)
    contact = make_contact(editor, "Svitlana Olshanska")
    assert add_member(editor, delegation_id, contact, role="Head").status_code == 302

    response = add_member(editor, delegation_id, contact, role="Again")

    assert response.status_code == 422
    form = page(response)
    form.assert_error("contact_id", "member of this delegation already")
    assert form.field("role").value == "Again"
    assert members(app, delegation_id) == [("Svitlana Olshanska", "Head")]


@pytest.mark.parametrize(
    ("picked", "typed", "message"),
    [
        (False, "", "Choose a person or type a new person's name."),
        (True, "Someone New", "Choose a person or type a name, not both."),
    ],
)
def test_member_form_needs_exactly_one_person(editor, app, picked, typed, message):
    delegation_id = make_delegation(editor)
    contact = make_contact(editor, "Svitlana Olshanska")

    response = editor.post(
        f"/delegations/{delegation_id}/members",
        data={"contact_id": contact if picked else "", "new_contact_name": typed, "role": "Guest"},
    )

    assert response.status_code == 422
    form = page(response)
    assert "The member was not added" in form.text
    assert form.field("new_contact_name").invalid
    assert message in form.error("new_contact_name").replace("&#39;", "'")
    assert form.field("new_contact_name").value == typed
    assert form.field("role").value == "Guest"
    assert members(app, delegation_id) == []
    with app.app_context():
        assert count(Contact) == 1


@pytest.mark.parametrize(
    "data",
    [
        {"contact_id": "PICKED", "role": "Deputy mayor"},
        {"contact_id": "PICKED", "new_contact_name": ""},
        {"new_contact_name": "Iryna Melnyk", "role": "Guest"},
    ],
    ids=["without-new-name-field", "without-role-field", "without-contact-field"],
)
def test_member_can_be_added_with_only_the_fields_it_needs(editor, app, data):
    """The member form posted by a script or an older page leaves out fields it does not use."""
    delegation_id = make_delegation(editor)
    contact = make_contact(editor, "Svitlana Olshanska")
    data = {key: (contact if value == "PICKED" else value) for key, value in data.items()}

    response = editor.post(f"/delegations/{delegation_id}/members", data=data)

    assert response.status_code == 302
    assert len(members(app, delegation_id)) == 1


def test_remove_member_keeps_the_contact(editor, app):
    delegation_id = make_delegation(editor)
    contact = make_contact(editor, "Svitlana Olshanska")
    assert add_member(editor, delegation_id, contact).status_code == 302
    with app.app_context():
        member_id = find(DelegationMember, contact_id=contact).id
    remove_url = f"/delegations/{delegation_id}/members/{member_id}/remove"
    assert show(editor, "delegations", delegation_id).form(remove_url)

    response = submit(editor, f"/delegations/{delegation_id}", action=remove_url)

    assert response.status_code == 302
    assert members(app, delegation_id) == []
    with app.app_context():
        assert find(Contact, id=contact) is not None
    shown = show(editor, "delegations", delegation_id)
    assert not shown.links_to(f"/contacts/{contact}")
    assert "No members are known by name" in shown.text


def test_removing_a_member_through_another_delegation_does_nothing(editor, app):
    delegation_id = make_delegation(editor, "First")
    other_id = make_delegation(editor, "Second")
    contact = make_contact(editor, "Svitlana Olshanska")
    assert add_member(editor, delegation_id, contact).status_code == 302
    with app.app_context():
        member_id = find(DelegationMember, contact_id=contact).id

    editor.post(f"/delegations/{other_id}/members/{member_id}/remove")

    assert members(app, delegation_id) == [("Svitlana Olshanska", "")]


def test_demo_member_can_be_added_and_removed_on_the_september_delegation(editor, demo, app):
    delegation_id = id_of(app, Delegation, name="Delegation of Zhytomyr, September 2023")
    visit_id = id_of(app, Visit, title="Delegation from Zhytomyr visits Dortmund")
    zeuch = id_of(app, Contact, name="Fabian Zeuch")
    url = f"/delegations/{delegation_id}/members"

    assert add_member(editor, delegation_id, zeuch, role="Companion").status_code == 302
    assert add_member(editor, delegation_id, new_contact_name="Iryna Melnyk").status_code == 302

    assert members(app, delegation_id) == [
        ("Svitlana Olshanska", "Deputy mayor"),
        ("Fabian Zeuch", "Companion"),
        ("Iryna Melnyk", ""),
    ]
    visit_page = show(editor, "visits", visit_id)
    assert "Fabian Zeuch · Companion" in visit_page.text
    assert "Iryna Melnyk" in visit_page.text
    assert "6 people" in visit_page.text

    with app.app_context():
        member_id = find(DelegationMember, contact_id=zeuch).id
    assert editor.post(f"{url}/{member_id}/remove").status_code == 302
    assert not show(editor, "visits", visit_id).links_to(f"/contacts/{zeuch}")
    assert [name for name, _ in members(app, delegation_id)] == [
        "Svitlana Olshanska",
        "Iryna Melnyk",
    ]


# Press articles -------------------------------------------------------------------------------


@pytest.fixture
def two_events(editor, city):
    visit = make_visit(editor, city, title="Mayors meet", date="24.–29. September 2023")
    milestone = make_milestone(editor, title="Council decision", date="2022")
    return visit, milestone


def test_create_article_linked_to_several_events(editor, app, two_events):
    visit, milestone = two_events

    article_id = make_article(
        editor,
        title="Delegation aus Schytomyr besucht Dortmund",
        url="https://www.dortmund.de/newsroom/",
        outlet="Stadt Dortmund – Newsroom",
        published_on="2023-09-29",
        language="de",
        event_ids=[visit, milestone],
    )

    with app.app_context():
        article = find(PressArticle, id=article_id)
        assert sorted(e.id for e in article.events) == sorted([visit, milestone])
        assert article.published_on == datetime.date(2023, 9, 29)
    shown = show(editor, "press", article_id)
    assert "Delegation aus Schytomyr besucht Dortmund" in shown.text
    assert "29 September 2023" in shown.text
    assert shown.links_to("https://www.dortmund.de/newsroom/")
    assert shown.links_to(f"/visits/{visit}")
    assert shown.links_to(f"/milestones/{milestone}")
    assert show(editor, "visits", visit).links_to(f"/press/{article_id}")
    assert show(editor, "milestones", milestone).links_to(f"/press/{article_id}")


def test_article_form_opened_from_an_event_has_it_picked(editor, two_events):
    visit, _ = two_events

    form = page(editor.get(f"/press/new?event={visit}"))

    assert form.field("event_ids").value == [str(visit)]


def test_edit_article_changes_its_events(editor, app, two_events):
    visit, milestone = two_events
    article_id = make_article(editor, title="Report", event_ids=[visit])

    form = page(editor.get(f"/press/{article_id}/edit"))
    assert form.field("event_ids").value == [str(visit)]
    edit(editor, "press", article_id, title="Longer report", event_ids=[milestone])

    with app.app_context():
        article = find(PressArticle, id=article_id)
        assert article.title == "Longer report"
        assert [e.id for e in article.events] == [milestone]
    assert "Longer report" in show(editor, "press", article_id).text
    assert not show(editor, "visits", visit).links_to(f"/press/{article_id}")
    assert show(editor, "milestones", milestone).links_to(f"/press/{article_id}")


def test_article_events_survive_an_unchanged_edit(editor, app, two_events):
    article_id = make_article(editor, event_ids=list(two_events), published_on="2023-09-29")

    edit(editor, "press", article_id)

    with app.app_context():
        article = find(PressArticle, id=article_id)
        assert sorted(e.id for e in article.events) == sorted(two_events)
        assert article.published_on == datetime.date(2023, 9, 29)


def test_article_list_search(editor):
    article_id = make_article(editor, title="Digital week opens", outlet="Ruhr Nachrichten")
    other_id = make_article(editor, title="Choir sings", outlet="WAZ")

    for query in ("digital week", "ruhr"):
        assert listed(editor, "press", article_id, query), query
        assert not listed(editor, "press", other_id, query), query
    assert not listed(editor, "press", article_id, NO_MATCH)


def test_delete_article_keeps_its_events(editor, app, two_events):
    visit, _ = two_events
    article_id = make_article(editor, event_ids=list(two_events))

    assert delete(editor, "press", article_id).status_code == 302

    assert editor.get(f"/press/{article_id}").status_code == 404
    assert not listed(editor, "press", article_id)
    with app.app_context():
        assert count(PressArticle) == 0
        assert count(Event) == 2
    assert not show(editor, "visits", visit).links_to(f"/press/{article_id}")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,hi", "www.x.de"],
)
def test_article_with_a_non_web_address_is_refused(editor, app, two_events, url):
    visit, _ = two_events

    response = submit(
        editor,
        "/press/new",
        {"title": "Sneaky link", "url": url, "outlet": "Blog", "event_ids": [visit]},
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("url", "Enter a web address starting with http:// or https://.")
    assert form.field("url").value == url
    assert form.field("title").value == "Sneaky link"
    assert form.field("outlet").value == "Blog"
    assert form.field("event_ids").value == [str(visit)]
    with app.app_context():
        assert count(PressArticle) == 0


def test_editing_an_article_to_a_script_link_is_refused(editor, app):
    article_id = make_article(editor, url="https://example.org/a")

    response = submit(editor, f"/press/{article_id}/edit", {"url": "javascript:alert(1)"})

    assert response.status_code == 422
    with app.app_context():
        assert find(PressArticle, id=article_id).url == "https://example.org/a"
    assert not show(editor, "press", article_id).links_to("javascript:alert(1)")


def test_article_without_title_is_refused(editor, app):
    response = submit(editor, "/press/new", {"title": "", "outlet": "WAZ"})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("title", "This field is required.")
    assert form.field("outlet").value == "WAZ"
    with app.app_context():
        assert count(PressArticle) == 0


def test_article_service_checks_title_address_and_events_whoever_calls_it(app, two_events):
    with app.app_context():
        article = PressArticle()
        for values, field in [
            (ArticleValues(title=" "), "title"),
            (ArticleValues(title="Report", url="javascript:alert(1)"), "url"),
            (ArticleValues(title="Report", event_ids=[two_events[0], 9999]), "event_ids"),
        ]:
            with pytest.raises(Invalid) as refused:
                save_article(article, values)
            assert list(refused.value.errors) == [field]
        assert article.title is None and article.events == []

        save_article(article, ArticleValues(title=" Report ", event_ids=list(two_events)))

        saved = read_article(article)
        assert saved.title == "Report"
        assert sorted(saved.event_ids) == sorted(two_events)


def test_demo_article_can_report_one_more_event(editor, demo, app):
    article_id = id_of(app, PressArticle, title="Delegation aus Schytomyr besucht Dortmund")
    milestone = make_milestone(editor, title="Council thanks the delegation", date="Oktober 2023")
    with app.app_context():
        before = sorted(e.id for e in find(PressArticle, id=article_id).events)
    assert len(before) == 4

    edit(editor, "press", article_id, event_ids=[*before, milestone])

    with app.app_context():
        after = sorted(e.id for e in find(PressArticle, id=article_id).events)
    assert after == sorted([*before, milestone])
    assert show(editor, "milestones", milestone).links_to(f"/press/{article_id}")
    visit = id_of(app, Visit, title="Delegation from Zhytomyr visits Dortmund")
    assert show(editor, "visits", visit).links_to(f"/press/{article_id}")


# Funding programmes ---------------------------------------------------------------------------


def test_create_programme_stores_it_and_shows_it(editor, app):
    funder = make_funder(editor, "Engagement Global")

    programme_id = make_programme(editor, funder, name="Kommunale Partnerschaften")

    with app.app_context():
        programme = find(Programme, id=programme_id)
        assert (programme.name, programme.funder_id) == ("Kommunale Partnerschaften", funder)
    shown = show(editor, "programmes", programme_id)
    assert "Kommunale Partnerschaften" in shown.text
    assert shown.links_to(f"/organisations/{funder}")


def test_edit_programme_shows_the_change(editor, app):
    funder = make_funder(editor)
    programme_id = make_programme(editor, funder, name="Small fund")

    edit(editor, "programmes", programme_id, name="Small projects fund", notes="Up to 5000 EUR.")

    with app.app_context():
        assert find(Programme, id=programme_id).name == "Small projects fund"
    shown = show(editor, "programmes", programme_id)
    assert "Small projects fund" in shown.text
    assert "Up to 5000 EUR." in shown.text


def test_programme_list_search(editor):
    funder = make_funder(editor)
    programme_id = make_programme(editor, funder, name="Solidarity partnerships")
    other_id = make_programme(editor, funder, name="Climate partnerships")

    assert listed(editor, "programmes", programme_id, "solidarity")
    assert not listed(editor, "programmes", other_id, "solidarity")
    assert not listed(editor, "programmes", programme_id, NO_MATCH)


def test_delete_programme(editor, app):
    funder = make_funder(editor)
    programme_id = make_programme(editor, funder)

    assert delete(editor, "programmes", programme_id).status_code == 302

    assert editor.get(f"/programmes/{programme_id}").status_code == 404
    assert not listed(editor, "programmes", programme_id)
    with app.app_context():
        assert count(Programme) == 0


def test_programme_needs_a_funder(editor, app):
    ngo = make_organisation(editor, "Not a funder", kind="NGO")

    missing = submit(editor, "/programmes/new", {"name": "Orphan fund", "funder_id": ""})
    not_a_funder = submit(editor, "/programmes/new", {"name": "Odd fund", "funder_id": ngo})

    assert missing.status_code == 422
    page(missing).assert_error("funder_id", "Choose one.")
    assert page(missing).field("name").value == "Orphan fund"
    assert not_a_funder.status_code == 422
    assert page(not_a_funder).field("funder_id").invalid
    with app.app_context():
        assert count(Programme) == 0


# Grants ---------------------------------------------------------------------------------------


def test_create_grant_stores_it_and_shows_it(editor, app):
    funder = make_funder(editor, "Engagement Global")
    programme = make_programme(editor, funder, name="Solidarity partnerships")

    grant_id = make_grant(
        editor,
        funder,
        reference="SKEW-2023-17",
        title="Visit of the Zhytomyr delegation",
        programme_id=programme,
        amount="12500.50",
        currency="eur",
        period_start="2023-09-01",
        period_end="2023-12-31",
    )

    with app.app_context():
        grant = find(Grant, id=grant_id)
        assert grant.amount == Decimal("12500.50")
        assert grant.currency == "EUR"
        assert grant.programme_id == programme
        assert (grant.period_start, grant.period_end) == (
            datetime.date(2023, 9, 1),
            datetime.date(2023, 12, 31),
        )
    shown = show(editor, "grants", grant_id)
    assert "SKEW-2023-17 Visit of the Zhytomyr delegation" in shown.text
    assert "€12,500.50" in shown.text
    assert "1 September 2023 – 31 December 2023" in shown.text
    assert shown.links_to(f"/programmes/{programme}")
    assert show(editor, "programmes", programme).links_to(f"/grants/{grant_id}")


def test_edit_grant_shows_the_change(editor, app):
    funder = make_funder(editor)
    grant_id = make_grant(editor, funder, amount="1000")

    edit(editor, "grants", grant_id, amount="1500.25", title="Topped up")

    with app.app_context():
        assert find(Grant, id=grant_id).amount == Decimal("1500.25")
    shown = show(editor, "grants", grant_id)
    assert "€1,500.25" in shown.text
    assert "Topped up" in shown.text


def test_grant_survives_an_unchanged_edit(editor, app):
    funder = make_funder(editor)
    programme = make_programme(editor, funder)
    grant_id = make_grant(
        editor,
        funder,
        programme_id=programme,
        amount="12500.50",
        currency="UAH",
        period_start="2023-09-01",
        period_end="2024-08-31",
    )
    with app.app_context():
        grant = find(Grant, id=grant_id)
        before = (
            grant.amount,
            grant.currency,
            grant.programme_id,
            grant.period_start,
            grant.period_end,
        )

    edit(editor, "grants", grant_id)

    with app.app_context():
        grant = find(Grant, id=grant_id)
        after = (
            grant.amount,
            grant.currency,
            grant.programme_id,
            grant.period_start,
            grant.period_end,
        )
    assert after == before


def test_grant_list_search(editor):
    funder = make_funder(editor)
    grant_id = make_grant(editor, funder, reference="SKEW-17", title="Youth visit")
    other_id = make_grant(editor, funder, reference="EU-99", title="Study trip")

    for query in ("skew", "youth"):
        assert listed(editor, "grants", grant_id, query), query
        assert not listed(editor, "grants", other_id, query), query
    assert not listed(editor, "grants", grant_id, NO_MATCH)


def test_delete_grant_keeps_the_funded_events(editor, app, city):
    funder = make_funder(editor)
    grant_id = make_grant(editor, funder)
    visit = make_visit(editor, city)
    editor.post(f"/grants/{grant_id}/events", data={"event_id": visit})

    confirm = page(editor.get(f"/grants/{grant_id}/delete"))
    assert "Its links to 1 funded event(s) go with it." in confirm.text
    assert delete(editor, "grants", grant_id).status_code == 302

    assert editor.get(f"/grants/{grant_id}").status_code == 404
    assert not listed(editor, "grants", grant_id)
    assert in_archive(app, "Grant", grant_id)
    with app.app_context():
        assert count(Grant) == 0
        assert count(GrantEvent) == 1, "the archived grant keeps its links for a restore"
        assert find(Visit, id=visit) is not None
    assert not show(editor, "visits", visit).links_to(f"/grants/{grant_id}")

    restore(app, "Grant", grant_id)
    assert show(editor, "grants", grant_id).links_to(f"/visits/{visit}")


def test_grant_period_cannot_end_before_it_starts(editor, app):
    funder = make_funder(editor)

    response = submit(
        editor,
        "/grants/new",
        {
            "reference": "BACKWARDS-1",
            "funder_id": funder,
            "period_start": "2024-06-01",
            "period_end": "2024-01-31",
        },
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("period_end", "The period cannot end before it starts.")
    assert form.field("reference").value == "BACKWARDS-1"
    assert form.field("period_start").value == "2024-06-01"
    assert form.field("period_end").value == "2024-01-31"
    with app.app_context():
        assert count(Grant) == 0


def test_grant_programme_must_belong_to_its_funder(editor, app):
    funder = make_funder(editor, "Funder A")
    other = make_funder(editor, "Funder B")
    programme = make_programme(editor, other, name="B's programme")

    response = submit(
        editor, "/grants/new", {"reference": "X-1", "funder_id": funder, "programme_id": programme}
    )

    assert response.status_code == 422
    page(response).assert_error("programme_id", "This programme belongs to another funder.")
    with app.app_context():
        assert count(Grant) == 0


def test_grant_with_bad_currency_and_missing_reference_keeps_input(editor, app):
    funder = make_funder(editor)

    response = submit(
        editor,
        "/grants/new",
        {"reference": "", "funder_id": funder, "currency": "Euro", "amount": "12,5x"},
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("reference", "This field is required.")
    form.assert_error("currency", "Enter a three-letter currency code, e.g. EUR.")
    assert form.field("amount").invalid
    assert form.field("currency").value == "Euro"
    assert form.field("amount").value == "12,5x"
    with app.app_context():
        assert count(Grant) == 0


def test_duplicate_grant_reference_is_explained_not_saved(editor, app):
    funder = make_funder(editor)
    make_grant(editor, funder, reference="SKEW-1")

    response = submit(
        editor, "/grants/new", {"reference": "SKEW-1", "funder_id": funder, "title": "Twin"}
    )

    assert response.status_code == 422
    form = page(response)
    assert "would duplicate a record" in form.text
    assert form.field("title").value == "Twin"
    with app.app_context():
        assert count(Grant) == 1


def test_link_and_unlink_a_funded_event(editor, app, two_events):
    visit, _ = two_events
    funder = make_funder(editor)
    grant_id = make_grant(editor, funder, reference="SKEW-9")
    link_url = f"/grants/{grant_id}/events"

    response = submit(
        editor,
        f"/grants/{grant_id}",
        {"event_id": visit, "share_percent": "80", "amount": "4000", "note": "largely funded"},
        action=link_url,
    )

    assert response.status_code == 302
    with app.app_context():
        link = find(GrantEvent, grant_id=grant_id, event_id=visit)
        assert (link.share_percent, link.amount, link.note) == (
            Decimal("80"),
            Decimal("4000"),
            "largely funded",
        )
    grant_page = show(editor, "grants", grant_id)
    assert grant_page.links_to(f"/visits/{visit}")
    assert "€4,000.00" in grant_page.text
    visit_page = show(editor, "visits", visit)
    assert visit_page.links_to(f"/grants/{grant_id}")
    assert "largely funded" in visit_page.text

    unlink_url = f"/grants/{grant_id}/events/{visit}/unlink"
    assert submit(editor, f"/grants/{grant_id}", action=unlink_url).status_code == 302
    with app.app_context():
        assert count(GrantEvent) == 0
        assert find(Visit, id=visit) is not None
    assert not show(editor, "visits", visit).links_to(f"/grants/{grant_id}")
    assert not show(editor, "grants", grant_id).links_to(f"/visits/{visit}")


def test_linking_an_event_twice_or_badly_is_refused(editor, app, two_events):
    visit, milestone = two_events
    funder = make_funder(editor)
    grant_id = make_grant(editor, funder)
    url = f"/grants/{grant_id}/events"
    assert editor.post(url, data={"event_id": visit, "note": "first"}).status_code == 302

    twice = editor.post(url, data={"event_id": visit, "note": "second"})
    too_much = editor.post(url, data={"event_id": milestone, "share_percent": "150", "note": "x"})
    nothing = editor.post(url, data={"event_id": "", "note": "which?"})

    assert twice.status_code == 422
    page(twice).assert_error("event_id", "linked to this grant already")
    assert page(twice).field("note").value == "second"
    assert too_much.status_code == 422
    assert page(too_much).field("share_percent").invalid
    assert page(too_much).field("share_percent").value == "150"
    assert nothing.status_code == 422
    page(nothing).assert_error("event_id", "Choose one.")
    with app.app_context():
        assert [(link.event_id, link.note) for link in find(Grant, id=grant_id).funded_events] == [
            (visit, "first")
        ]
