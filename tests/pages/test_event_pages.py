"""Visits, agreements, planned exchanges, milestones and topics through their pages."""

import csv
import datetime
import io
from dataclasses import replace

import pytest
from sql_counting import statements_during
from sqlalchemy import select

from partnership.agreements.models import Agreement, AgreementParty
from partnership.agreements.services import AgreementValues, save_agreement
from partnership.events.models import Event, Milestone, MilestoneKind, Topic
from partnership.events.queries import TOPIC_WINDOW
from partnership.events.services import TopicValues, save_topic
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.exchanges.services import ExchangeValues, save_exchange
from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import City, Partnership
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.records.values import Invalid
from partnership.visits.models import Delegation, DelegationMember, Direction, ProgrammeItem, Visit
from partnership.visits.services import VisitValues, save_visit

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
    make_agreement,
    make_city,
    make_contact,
    make_delegation,
    make_exchange,
    make_milestone,
    make_organisation,
    make_topic,
    make_visit,
    page,
    show,
    submit,
)


@pytest.fixture
def cities(editor):
    """Dortmund (home) and Zhytomyr, with its other names."""
    dortmund = make_city(editor, "Dortmund", country_code="DE", is_home=True)
    zhytomyr = make_city(editor, "Zhytomyr", other_names="de: Schytomyr\nuk: Житомир")
    return dortmund, zhytomyr


@pytest.fixture
def topics(editor):
    return make_topic(editor, "Digitalisation"), make_topic(editor, "Culture")


def visit_state(app, visit_id):
    """What an edit must not lose: date, topics, programme, links."""
    with app.app_context():
        visit = find(Visit, id=visit_id)
        return {
            "title": visit.title,
            "date": visit.date,
            "topics": sorted(t.name for t in visit.topics),
            "programme": [item.description for item in visit.programme],
            "host": visit.host_city_id,
            "partner": visit.partner_city_id,
            "delegation": visit.delegation_id,
            "direction": visit.direction,
            "status": visit.status,
            "first_official": visit.first_official,
            "occasion": visit.occasion,
        }


# Visits ---------------------------------------------------------------------------------------


def test_create_visit_stores_it_and_shows_it(editor, app, cities, topics):
    dortmund, zhytomyr = cities
    delegation = make_delegation(editor, "Delegation of Zhytomyr, September 2023", size=6)

    visit_id = make_visit(
        editor,
        dortmund,
        title="Delegation from Zhytomyr visits Dortmund",
        date="24.–29. September 2023",
        partner_city_id=zhytomyr,
        direction="incoming",
        status="done",
        delegation_id=delegation,
        occasion="Digitale Woche Dortmund",
        first_official=True,
        topic_ids=list(topics),
        programme="Official welcome\n\nGuided tour of the city\n",
        summary="Six guests at the DiWoDo.",
    )

    with app.app_context():
        visit = find(Visit, id=visit_id)
        assert visit.date_start == datetime.date(2023, 9, 24)
        assert visit.date_end == datetime.date(2023, 9, 29)
        assert visit.date_precision == "day"
        assert visit.first_official
        assert visit.delegation_id == delegation
        assert sorted(t.name for t in visit.topics) == ["Culture", "Digitalisation"]
        assert [i.description for i in visit.programme] == [
            "Official welcome",
            "Guided tour of the city",
        ]
    shown = show(editor, "visits", visit_id)
    assert "Delegation from Zhytomyr visits Dortmund" in shown.text
    assert "24–29 September 2023" in shown.text
    assert "Digitale Woche Dortmund" in shown.text
    assert "Official welcome" in shown.text and "Guided tour of the city" in shown.text
    assert "Digitalisation" in shown.text and "Culture" in shown.text
    assert "6 people" in shown.text
    assert shown.links_to(f"/delegations/{delegation}")
    assert shown.links_to(f"/cities/{dortmund}") and shown.links_to(f"/cities/{zhytomyr}")
    assert show(editor, "topics", topics[0]).links_to(f"/visits/{visit_id}")


def test_edit_visit_shows_the_change(editor, app, cities):
    dortmund, _ = cities
    visit_id = make_visit(editor, dortmund, title="Youth visit", date="März 2024")

    edit(editor, "visits", visit_id, title="Youth visit postponed", date="voraussichtlich Q2 2024")

    with app.app_context():
        visit = find(Visit, id=visit_id)
        assert visit.title == "Youth visit postponed"
        assert visit.date_tentative
        assert visit.date_precision == "quarter"
    shown = show(editor, "visits", visit_id)
    assert "Youth visit postponed" in shown.text
    assert "probably Q2 2024" in shown.text
    assert "March 2024" not in shown.text


def test_visit_edit_form_shows_everything_and_keeps_it_when_saved_unchanged(
    editor, app, cities, topics
):
    dortmund, zhytomyr = cities
    visit_id = make_visit(
        editor,
        dortmund,
        date="24.–29. September 2023",
        partner_city_id=zhytomyr,
        topic_ids=list(topics),
        programme="Welcome\nCity tour\nSigning",
        occasion="DiWoDo",
        first_official=True,
    )
    before = visit_state(app, visit_id)

    form = page(editor.get(f"/visits/{visit_id}/edit"))
    assert form.field("date").value == "24–29 September 2023"
    assert sorted(form.field("topic_ids").value) == sorted(str(t) for t in topics)
    assert form.field("programme").value.splitlines() == ["Welcome", "City tour", "Signing"]
    assert "checked" in form.field("first_official").attrs

    edit(editor, "visits", visit_id)

    assert visit_state(app, visit_id) == before


def test_editing_a_visit_title_keeps_its_topics_and_programme(editor, app, cities, topics):
    dortmund, _ = cities
    visit_id = make_visit(
        editor, dortmund, topic_ids=[topics[0]], programme="Welcome\nWorkshop on open data"
    )

    edit(editor, "visits", visit_id, title="Open data workshop visit")

    state = visit_state(app, visit_id)
    assert state["title"] == "Open data workshop visit"
    assert state["topics"] == ["Digitalisation"]
    assert state["programme"] == ["Welcome", "Workshop on open data"]


def test_visit_topics_and_programme_can_be_changed(editor, app, cities, topics):
    dortmund, _ = cities
    visit_id = make_visit(editor, dortmund, topic_ids=[topics[0]], programme="Welcome")

    edit(editor, "visits", visit_id, topic_ids=[topics[1]], programme="Concert\nWelcome")

    state = visit_state(app, visit_id)
    assert state["topics"] == ["Culture"]
    assert state["programme"] == ["Concert", "Welcome"]
    with app.app_context():
        assert count(ProgrammeItem) == 2
    edit(editor, "visits", visit_id, topic_ids=[], programme="")
    state = visit_state(app, visit_id)
    assert state["topics"] == [] and state["programme"] == []


def test_visit_list_search(editor, cities):
    dortmund, zhytomyr = cities
    visit_id = make_visit(editor, dortmund, title="Mayors meet", partner_city_id=zhytomyr)
    other_id = make_visit(editor, dortmund, title="Choir tour", summary="Singing in the square")

    for query in ("mayors", "Schytomyr", "Житомир"):
        assert listed(editor, "visits", visit_id, query), query
        assert not listed(editor, "visits", other_id, query), query
    assert listed(editor, "visits", other_id, "singing")
    assert not listed(editor, "visits", visit_id, NO_MATCH)


def test_delete_visit(editor, app, cities, topics):
    dortmund, _ = cities
    visit_id = make_visit(editor, dortmund, topic_ids=list(topics), programme="Welcome")

    response = delete(editor, "visits", visit_id)
    assert response.status_code == 302
    assert response.headers["Location"] == "/visits/"

    assert editor.get(f"/visits/{visit_id}").status_code == 404
    assert not listed(editor, "visits", visit_id)
    assert in_archive(app, "Visit", visit_id)
    with app.app_context():
        assert count(Event) == 0
        assert count(ProgrammeItem) == 1, "the archived visit keeps its programme for a restore"
        assert count(Topic) == 2

    restore(app, "Visit", visit_id)
    assert listed(editor, "visits", visit_id)
    restored = visit_state(app, visit_id)
    assert restored["topics"] == ["Culture", "Digitalisation"]
    assert restored["programme"] == ["Welcome"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2024", "February 2024 has no day 31"),
        ("Anfang März 2024", "too vague to store"),
        ("12.03.24", "write the year with four digits"),
        ("09/10/2023", "ambiguous"),
    ],
)
def test_visit_with_unreadable_date_keeps_what_was_typed(
    editor, app, cities, topics, typed, message
):
    dortmund, _ = cities

    response = submit(
        editor,
        "/visits/new",
        {
            "title": "Spring visit",
            "date": typed,
            "host_city_id": dortmund,
            "topic_ids": [topics[1]],
            "programme": "Welcome\nTour",
        },
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("date", message)
    assert form.field("date").value == typed
    assert form.field("title").value == "Spring visit"
    assert form.field("host_city_id").value == str(dortmund)
    assert form.field("topic_ids").value == [str(topics[1])]
    assert form.field("programme").value == "Welcome\nTour"
    assert not form.field("title").invalid
    with app.app_context():
        assert count(Event) == 0


def test_editing_a_visit_with_a_bad_date_changes_nothing(editor, app, cities):
    dortmund, _ = cities
    visit_id = make_visit(editor, dortmund, title="Autumn visit", date="Oktober 2023")
    before = visit_state(app, visit_id)

    response = submit(
        editor, f"/visits/{visit_id}/edit", {"title": "Renamed", "date": "Mitte 2024"}
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("date", "too vague")
    assert form.field("date").value == "Mitte 2024"
    assert form.field("title").value == "Renamed"
    assert visit_state(app, visit_id) == before


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("title", "This field is required."),
        ("date", "Enter a date."),
        ("host_city_id", "Choose one."),
    ],
)
def test_visit_missing_a_required_field_is_refused(editor, app, cities, missing, message):
    dortmund, _ = cities
    typed = {"title": "Mayors meet", "date": "12.03.2024", "host_city_id": dortmund}
    typed[missing] = ""

    response = submit(editor, "/visits/new", {**typed, "occasion": "Spring fair"})

    assert response.status_code == 422
    form = page(response)
    form.assert_error(missing, message)
    assert form.field("occasion").value == "Spring fair"
    for name in typed.keys() - {missing}:
        assert form.field(name).value == str(typed[name])
    with app.app_context():
        assert count(Visit) == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("24.09.2023", "24 September 2023"),
        ("24.–29. September 2023", "24–29 September 2023"),
        ("24.09.2023 – 15.10.2023", "24 September – 15 October 2023"),
        ("28.12.2023 – 02.01.2024", "28 December 2023 – 2 January 2024"),
        ("Februar 2024", "February 2024"),
        ("September–Oktober 2023", "September–October 2023"),
        ("voraussichtlich Februar 2024", "probably February 2024"),
        ("Q1 2024", "Q1 2024"),
        ("Q3 2023 – Q1 2024", "Q3 2023 – Q1 2024"),
        ("2022", "2022"),
        ("2022–2023", "2022–2023"),
    ],
)
def test_fuzzy_dates_read_back_at_their_precision_and_survive_edits(
    editor, app, cities, typed, expected
):
    dortmund, _ = cities
    visit_id = make_visit(editor, dortmund, title="Visit", date=typed)
    stored = visit_state(app, visit_id)["date"]

    assert expected in show(editor, "visits", visit_id).text
    assert page(editor.get(f"/visits/{visit_id}/edit")).field("date").value == expected
    edit(editor, "visits", visit_id)
    assert visit_state(app, visit_id)["date"] == stored


def test_demo_september_visit_page_shows_everything_linked_to_it(editor, demo, app):
    visit_id = id_of(app, Visit, title="Delegation from Zhytomyr visits Dortmund")
    with app.app_context():
        delegation = find(Delegation, name="Delegation of Zhytomyr, September 2023").id
        agreement = find(
            Agreement, title="Cooperation agreement with the Zhytomyr Volunteer Headquarter"
        ).id
        article = find(PressArticle, title="Delegation aus Schytomyr besucht Dortmund").id
        grant = find(Grant, reference="DEMO-SKEW-2023").id

    shown = show(editor, "visits", visit_id)

    assert "24–29 September 2023" in shown.text
    assert shown.links_to(f"/delegations/{delegation}")
    assert "Delegation of Zhytomyr, September 2023, from Zhytomyr, 6 people." in shown.text
    assert "Svitlana Olshanska · Deputy mayor" in shown.text
    assert shown.links_to(f"/agreements/{agreement}")
    assert "Cooperation agreement with the Zhytomyr Volunteer Headquarter" in shown.text
    assert shown.links_to(f"/press/{article}")
    assert "Delegation aus Schytomyr besucht Dortmund" in shown.text
    assert shown.links_to(f"/grants/{grant}")
    assert "DEMO-SKEW-2023" in shown.text
    assert "largely funded" in shown.text
    assert "Signing of the cooperation agreement" in shown.text


def test_demo_zhytomyr_page_lists_its_partnership_and_all_its_events(editor, demo, app):
    zhytomyr = id_of(app, City, name="Zhytomyr")
    partnership = id_of(app, Partnership, partner_city_id=zhytomyr)
    areas = {
        "visit": "visits",
        "agreement": "agreements",
        "exchange": "exchanges",
        "stage": "stages",
        "aid delivery": "aid",
    }
    with app.app_context():
        events = db.session.scalars(select(Event).where(Event.partner_city_id == zhytomyr))
        event_links = {f"/{areas[e.kind]}/{e.id}" for e in events}
    # Its visits, agreement, exchange, aid delivery and the three stages of its partnership.
    assert len(event_links) == 8

    shown = show(editor, "cities", zhytomyr)

    assert shown.links_to(f"/partnerships/{partnership}")
    assert "Dortmund – Zhytomyr" in shown.text
    for link in event_links:
        assert shown.links_to(link), link
    assert "probably February 2024" in shown.text
    assert "June 2023" in shown.text
    assert "24–29 September 2023" in shown.text


@pytest.mark.parametrize(
    ("changes", "field_name", "message"),
    [
        ({"direction": None}, "direction", "incoming or outgoing"),
        ({"direction": "sideways"}, "direction", "offered values"),
        ({"status": "postponed"}, "status", "offered values"),
        ({"title": " "}, "title", "Enter a title."),
        ({"date": None}, "date", "Enter a date."),
        ({"host_city_id": 9999}, "host_city_id", "no longer exists"),
        ({"delegation_id": 9999}, "delegation_id", "no longer exists"),
        ({"occasion": "o" * 301}, "occasion", "at most 300"),
        ({"programme": ("Welcome", "p" * 501)}, "programme", "at most 500"),
    ],
    ids=[
        "no direction",
        "direction",
        "status",
        "title",
        "date",
        "host",
        "delegation",
        "occasion",
        "programme",
    ],  # fmt: skip
)
def test_visit_service_checks_its_rules_whoever_calls_it(
    app, editor, cities, changes, field_name, message
):
    dortmund, _ = cities
    with app.test_request_context():
        values = VisitValues(
            title="Mayors meet",
            date=parse_fuzzy_date("12.03.2024"),
            direction=Direction.INCOMING,
            host_city_id=dortmund,
            programme=(" Welcome ", "", "Tour"),
        )
        visit = Visit()
        with pytest.raises(Invalid) as refused:
            save_visit(visit, replace(values, **changes))
        assert message in refused.value.errors[field_name]
        assert visit.title is None and visit.programme == []

        save_visit(visit, values)
        assert visit.host_city_id == dortmund
        assert [item.description for item in visit.programme] == ["Welcome", "Tour"]


def test_a_member_of_another_delegation_is_not_found_there(editor, app):
    delegation_id = make_delegation(editor, "First")
    other_id = make_delegation(editor, "Second")
    contact = make_contact(editor, "Svitlana Olshanska")
    editor.post(f"/delegations/{delegation_id}/members", data={"contact_id": contact})
    with app.app_context():
        member_id = find(DelegationMember, contact_id=contact).id

    response = editor.post(f"/delegations/{other_id}/members/{member_id}/remove")

    assert response.status_code == 404
    with app.app_context():
        assert find(DelegationMember, id=member_id).delegation_id == delegation_id


# Recording a visit in one go ------------------------------------------------------------------


def test_record_a_visit_with_its_delegation_topics_and_article(editor, app, cities, topics):
    dortmund, zhytomyr = cities
    known = make_contact(editor, "Svitlana Olshanska")

    response = submit(
        editor,
        "/visits/record",
        {
            "title": "Youth orchestra visits",
            "partner_city_id": zhytomyr,
            "host_city_id": dortmund,
            "date": "Mai 2025",
            "topic_ids": [topics[1]],
            "new_topics": "Music, culture",
            "programme": "Concert\n\nReception",
            "origin_city_id": zhytomyr,
            "member_ids": [known],
            "new_members": "Olena Koval – conductor\nTaras Melnyk",
            "article_title": "Orchester aus Schytomyr",
            "article_outlet": "Ruhr Nachrichten",
        },
    )

    visit_id = detail_id(response, "visits")
    with app.app_context():
        visit = find(Visit, id=visit_id)
        assert sorted(t.name for t in visit.topics) == ["Culture", "Music"]
        assert [item.description for item in visit.programme] == ["Concert", "Reception"]
        delegation = visit.delegation
        assert delegation.name == "Delegation of Zhytomyr, May 2025"
        assert [(m.contact.name, m.role) for m in delegation.members] == [
            ("Svitlana Olshanska", ""),
            ("Olena Koval", "conductor"),
            ("Taras Melnyk", ""),
        ]
        koval = find(Contact, name="Olena Koval")
        assert (koval.role_title, koval.city_id) == ("conductor", zhytomyr)
        assert [article.title for article in visit.press_articles] == ["Orchester aus Schytomyr"]
    assert "Visit “Youth orchestra visits” was recorded." in show(editor, "visits", visit_id).text


@pytest.mark.parametrize(
    ("changes", "field_name", "message"),
    [
        ({"delegation_name": "Another one"}, "delegation_name", "not both"),
        ({"article_outlet": "WAZ"}, "article_title", "Give the article's title"),
    ],
    ids=["delegation twice", "article without title"],
)
def test_recording_a_visit_refuses_what_contradicts_itself(
    editor, app, cities, changes, field_name, message
):
    dortmund, zhytomyr = cities
    delegation = make_delegation(editor, "Choir")
    typed = {
        "title": "Choir visits",
        "partner_city_id": zhytomyr,
        "host_city_id": dortmund,
        "date": "Mai 2025",
        "delegation_id": delegation,
        "new_topics": "Singing",
        **changes,
    }
    if field_name == "article_title":
        del typed["delegation_id"]

    response = submit(editor, "/visits/record", typed)

    assert response.status_code == 422
    form = page(response)
    form.assert_error(field_name, message)
    assert form.field("title").value == "Choir visits"
    for name, value in changes.items():
        assert form.field(name).value == value
    with app.app_context():
        assert (count(Visit), count(Delegation), count(Topic)) == (0, 1, 0)


# Agreements -----------------------------------------------------------------------------------


def agreement_parties(app, agreement_id):
    with app.app_context():
        agreement = find(Agreement, id=agreement_id)
        return sorted(
            ("city", p.city_id) if p.city_id else ("organisation", p.organisation_id)
            for p in agreement.parties
        )


def test_create_agreement_stores_it_and_shows_it(editor, app, cities):
    dortmund, zhytomyr = cities
    ngo = make_organisation(editor, "Zhytomyr Volunteer Headquarter", city_id=zhytomyr)
    visit = make_visit(editor, dortmund, title="September visit", date="24.–29. September 2023")

    agreement_id = make_agreement(
        editor,
        party_city_ids=[dortmund],
        party_organisation_ids=[ngo],
        title="Cooperation agreement",
        date="24.–29. September 2023",
        agreement_kind="cooperation agreement",
        signed_during_id=visit,
        valid_until="2026-12-31",
        document_url="https://example.org/agreement.pdf",
        partner_city_id=zhytomyr,
    )

    assert agreement_parties(app, agreement_id) == [("city", dortmund), ("organisation", ngo)]
    with app.app_context():
        agreement = find(Agreement, id=agreement_id)
        assert agreement.signed_during_id == visit
        assert agreement.valid_until == datetime.date(2026, 12, 31)
        assert agreement.document_url == "https://example.org/agreement.pdf"
    shown = show(editor, "agreements", agreement_id)
    assert "Cooperation agreement" in shown.text
    assert "24–29 September 2023" in shown.text
    assert "31 December 2026" in shown.text
    assert shown.links_to(f"/cities/{dortmund}")
    assert shown.links_to(f"/organisations/{ngo}")
    assert shown.links_to(f"/visits/{visit}")
    assert shown.links_to("https://example.org/agreement.pdf")
    assert show(editor, "visits", visit).links_to(f"/agreements/{agreement_id}")


def test_agreement_form_opened_from_a_visit_has_the_visit_chosen(editor, cities):
    dortmund, _ = cities
    visit = make_visit(editor, dortmund)

    form = page(editor.get(f"/agreements/new?visit={visit}"))

    assert form.field("signed_during_id").value == str(visit)


def test_edit_agreement_shows_the_change(editor, app, cities):
    dortmund, zhytomyr = cities
    agreement_id = make_agreement(editor, [dortmund, zhytomyr], title="Draft charter")

    edit(editor, "agreements", agreement_id, title="Friendship charter", status="expired")

    with app.app_context():
        agreement = find(Agreement, id=agreement_id)
        assert (agreement.title, agreement.status) == ("Friendship charter", "expired")
    shown = show(editor, "agreements", agreement_id)
    assert "Friendship charter" in shown.text
    assert "expired" in shown.text


def test_agreement_parties_survive_an_unchanged_edit(editor, app, cities):
    dortmund, zhytomyr = cities
    ngo = make_organisation(editor, "Volunteer Headquarter")
    visit = make_visit(editor, dortmund, date="Mai 2024")
    agreement_id = make_agreement(
        editor,
        [dortmund, zhytomyr],
        party_organisation_ids=[ngo],
        date="Mai 2024",
        signed_during_id=visit,
        valid_until="2027-05-31",
        document_url="https://example.org/charter.pdf",
    )
    before = agreement_parties(app, agreement_id)
    with app.app_context():
        party_rows = sorted(p.id for p in find(Agreement, id=agreement_id).parties)

    form = page(editor.get(f"/agreements/{agreement_id}/edit"))
    assert sorted(form.field("party_city_ids").value) == sorted([str(dortmund), str(zhytomyr)])
    assert form.field("party_organisation_ids").value == [str(ngo)]
    assert form.field("date").value == "May 2024"
    edit(editor, "agreements", agreement_id)

    assert agreement_parties(app, agreement_id) == before
    with app.app_context():
        assert sorted(p.id for p in find(Agreement, id=agreement_id).parties) == party_rows
        agreement = find(Agreement, id=agreement_id)
        assert str(agreement.date) == "May 2024"
        assert agreement.signed_during_id == visit
        assert agreement.valid_until == datetime.date(2027, 5, 31)
        assert agreement.document_url == "https://example.org/charter.pdf"


def test_agreement_parties_can_be_changed(editor, app, cities):
    dortmund, zhytomyr = cities
    ngo = make_organisation(editor, "Volunteer Headquarter")
    agreement_id = make_agreement(editor, [dortmund, zhytomyr])

    edit(
        editor,
        "agreements",
        agreement_id,
        party_city_ids=[dortmund],
        party_organisation_ids=[ngo],
    )

    assert agreement_parties(app, agreement_id) == [("city", dortmund), ("organisation", ngo)]
    with app.app_context():
        assert count(AgreementParty) == 2


def test_agreement_with_only_one_party_is_refused(editor, app, cities):
    dortmund, _ = cities

    response = submit(
        editor,
        "/agreements/new",
        {"title": "One-sided pledge", "date": "2024", "party_city_ids": [dortmund]},
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("party_organisation_ids", "at least two parties")
    assert form.field("title").value == "One-sided pledge"
    assert form.field("date").value == "2024"
    assert form.field("party_city_ids").value == [str(dortmund)]
    with app.app_context():
        assert count(Agreement) == 0


def test_editing_an_agreement_down_to_one_party_keeps_both(editor, app, cities):
    dortmund, zhytomyr = cities
    agreement_id = make_agreement(editor, [dortmund, zhytomyr])

    response = submit(editor, f"/agreements/{agreement_id}/edit", {"party_city_ids": [zhytomyr]})

    assert response.status_code == 422
    assert agreement_parties(app, agreement_id) == [("city", dortmund), ("city", zhytomyr)]


def test_agreement_cannot_expire_before_it_is_signed(editor, app, cities):
    dortmund, zhytomyr = cities

    response = submit(
        editor,
        "/agreements/new",
        {
            "title": "Backwards charter",
            "date": "05.05.2024",
            "valid_until": "2024-01-01",
            "party_city_ids": [dortmund, zhytomyr],
        },
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("valid_until", "cannot end before it was signed")
    assert form.field("valid_until").value == "2024-01-01"
    with app.app_context():
        assert count(Agreement) == 0


def test_agreement_document_link_must_be_a_web_address(editor, app, cities):
    dortmund, zhytomyr = cities

    response = submit(
        editor,
        "/agreements/new",
        {
            "title": "Charter",
            "date": "2024",
            "party_city_ids": [dortmund, zhytomyr],
            "document_url": "javascript:alert(1)",
        },
    )

    assert response.status_code == 422
    page(response).assert_error("document_url", "starting with http:// or https://")
    with app.app_context():
        assert count(Agreement) == 0


def test_agreement_list_search(editor, cities):
    dortmund, zhytomyr = cities
    agreement_id = make_agreement(editor, [dortmund, zhytomyr], title="Memorandum on water")
    other_id = make_agreement(editor, [dortmund, zhytomyr], title="Memorandum on schools")

    assert listed(editor, "agreements", agreement_id, "water")
    assert not listed(editor, "agreements", other_id, "water")
    assert not listed(editor, "agreements", agreement_id, NO_MATCH)


def test_agreement_list_asks_the_database_as_often_for_many_agreements_as_for_few(
    editor, app, cities
):
    ngo = make_organisation(editor, "Volunteer Headquarter")
    make_agreement(editor, list(cities), party_organisation_ids=[ngo], partner_city_id=cities[1])
    _, few = statements_for(app, editor, "/agreements/")

    for number in range(8):
        make_agreement(editor, list(cities), title=f"Charter {number}", partner_city_id=cities[1])

    status, many = statements_for(app, editor, "/agreements/")
    assert status == 200
    assert many == few


@pytest.mark.parametrize(
    ("changes", "field_name", "message"),
    [
        (lambda c: {"party_city_ids": [c[0]]}, "party_organisation_ids", "at least two parties"),
        (lambda c: {"valid_until": datetime.date(2024, 1, 1)}, "valid_until", "cannot end before"),
        (lambda c: {"document_url": "javascript:alert(1)"}, "document_url", "http:// or https://"),
        (lambda c: {"title": " "}, "title", "Enter a title."),
        (lambda c: {"date": None}, "date", "Enter a date."),
        (lambda c: {"agreement_kind": "treaty"}, "agreement_kind", "offered values"),
        (lambda c: {"party_organisation_ids": [9999]}, "party_organisation_ids", "no longer"),
        (lambda c: {"signed_during_id": 9999}, "signed_during_id", "no longer exists"),
        (lambda c: {"topic_ids": [9999]}, "topic_ids", "no longer exists"),
    ],
    ids=["one party", "ends first", "link", "title", "date", "kind", "party", "visit", "topic"],
)
def test_agreement_service_checks_its_rules_whoever_calls_it(
    app, editor, cities, changes, field_name, message
):
    with app.test_request_context():
        values = AgreementValues(
            title="Charter", date=parse_fuzzy_date("05.05.2024"), party_city_ids=list(cities)
        )
        agreement = Agreement()
        with pytest.raises(Invalid) as refused:
            save_agreement(agreement, replace(values, **changes(cities)))
        assert message in refused.value.errors[field_name]
        assert agreement.title is None and agreement.parties == []

        save_agreement(agreement, values)
        assert sorted(p.city_id for p in agreement.parties) == sorted(cities)


def test_delete_agreement(editor, app, cities):
    dortmund, zhytomyr = cities
    agreement_id = make_agreement(editor, [dortmund, zhytomyr])

    assert delete(editor, "agreements", agreement_id).status_code == 302

    assert editor.get(f"/agreements/{agreement_id}").status_code == 404
    assert not listed(editor, "agreements", agreement_id)
    assert in_archive(app, "Agreement", agreement_id)
    with app.app_context():
        assert count(Agreement) == 0
        assert count(AgreementParty) == 2, "the archived agreement keeps its parties"
        assert count(City) == 2

    restore(app, "Agreement", agreement_id)
    assert listed(editor, "agreements", agreement_id)
    with app.app_context():
        assert sorted(str(p.party) for p in find(Agreement, id=agreement_id).parties) == [
            "Dortmund",
            "Zhytomyr",
        ]


# Planned exchanges ----------------------------------------------------------------------------


def test_create_exchange_stores_it_and_shows_it(editor, app, cities):
    _, zhytomyr = cities
    agreement = make_agreement(editor, list(cities), title="Cooperation agreement")

    exchange_id = make_exchange(
        editor,
        title="Young people from Zhytomyr visit Dortmund",
        date="voraussichtlich Februar 2024",
        exchange_kind="youth exchange",
        direction="incoming",
        expected_participants="12",
        origin_agreement_id=agreement,
        partner_city_id=zhytomyr,
    )

    with app.app_context():
        exchange = find(PlannedExchange, id=exchange_id)
        assert exchange.date_tentative
        assert exchange.date_start == datetime.date(2024, 2, 1)
        assert exchange.date_end == datetime.date(2024, 2, 29)
        assert exchange.expected_participants == 12
        assert exchange.origin_agreement_id == agreement
    shown = show(editor, "exchanges", exchange_id)
    assert shown.text.count("probably February 2024") == 1
    assert "tentative" not in shown.text, "the date's own “probably” marks it, once"
    assert "youth exchange" in shown.text
    assert shown.links_to(f"/agreements/{agreement}")
    assert show(editor, "agreements", agreement).links_to(f"/exchanges/{exchange_id}")


def test_edit_exchange_realised_as_a_visit(editor, app, cities):
    dortmund, _ = cities
    exchange_id = make_exchange(editor, title="School trip", status="planned")
    visit = make_visit(editor, dortmund, title="School trip took place", date="Juli 2024")

    edit(editor, "exchanges", exchange_id, realised_visit_id=visit, title="School trip 2024")

    with app.app_context():
        exchange = find(PlannedExchange, id=exchange_id)
        assert exchange.status == "realised"
        assert exchange.title == "School trip 2024"
    shown = show(editor, "exchanges", exchange_id)
    assert "School trip 2024" in shown.text
    assert shown.links_to(f"/visits/{visit}")
    assert show(editor, "visits", visit).links_to(f"/exchanges/{exchange_id}")


def test_exchange_list_search(editor):
    exchange_id = make_exchange(editor, title="Orchestra exchange")
    other_id = make_exchange(editor, title="Football camp")

    assert listed(editor, "exchanges", exchange_id, "orchestra")
    assert not listed(editor, "exchanges", other_id, "orchestra")
    assert not listed(editor, "exchanges", exchange_id, NO_MATCH)


def test_delete_exchange(editor, app):
    exchange_id = make_exchange(editor)

    assert delete(editor, "exchanges", exchange_id).status_code == 302

    assert editor.get(f"/exchanges/{exchange_id}").status_code == 404
    assert not listed(editor, "exchanges", exchange_id)
    with app.app_context():
        assert count(Event) == 0


def test_exchange_with_bad_participant_number_keeps_input(editor, app):
    response = submit(
        editor,
        "/exchanges/new",
        {"title": "Big trip", "date": "Q5 2024", "expected_participants": "0"},
    )

    assert response.status_code == 422
    form = page(response)
    form.assert_error("date", "there is no quarter 5")
    assert form.field("expected_participants").invalid
    assert form.field("date").value == "Q5 2024"
    assert form.field("title").value == "Big trip"
    with app.app_context():
        assert count(PlannedExchange) == 0


def test_exchange_service_checks_its_rules_and_realises_it_with_its_visit(app, editor, cities):
    visit_id = make_visit(editor, cities[0], title="School trip took place")
    with app.test_request_context():
        values = ExchangeValues(
            title="School trip",
            date=parse_fuzzy_date("Q3 2024"),
            direction=Direction.OUTGOING,
            status=ExchangeStatus.CONFIRMED,
        )
        exchange = PlannedExchange()
        for changes, field_name in (
            ({"expected_participants": 0}, "expected_participants"),
            ({"direction": None}, "direction"),
            ({"exchange_kind": "holiday"}, "exchange_kind"),
            ({"realised_visit_id": 9999}, "realised_visit_id"),
            ({"origin_agreement_id": 9999}, "origin_agreement_id"),
        ):
            with pytest.raises(Invalid) as refused:
                save_exchange(exchange, replace(values, **changes))
            assert field_name in refused.value.errors, changes
        assert exchange.title is None

        save_exchange(exchange, replace(values, realised_visit_id=visit_id))
        assert exchange.status is ExchangeStatus.REALISED
        save_exchange(exchange, values)
        assert exchange.status is ExchangeStatus.CONFIRMED


# Milestones -----------------------------------------------------------------------------------


def test_create_milestone_stores_it_and_shows_it(editor, app, cities, topics):
    _, zhytomyr = cities

    milestone_id = make_milestone(
        editor,
        title="Council votes for the solidarity partnership",
        date="15.12.2022",
        milestone_kind="council decision",
        place="Town hall",
        partner_city_id=zhytomyr,
        topic_ids=[topics[0]],
    )

    with app.app_context():
        milestone = find(Milestone, id=milestone_id)
        assert milestone.date_start == datetime.date(2022, 12, 15)
        assert milestone.milestone_kind == "council decision"
        assert [t.name for t in milestone.topics] == ["Digitalisation"]
    shown = show(editor, "milestones", milestone_id)
    assert "Council votes for the solidarity partnership" in shown.text
    assert "15 December 2022" in shown.text
    assert "Town hall" in shown.text
    assert show(editor, "cities", zhytomyr).links_to(f"/milestones/{milestone_id}")


def test_edit_milestone_shows_the_change_and_keeps_topics(editor, app, topics):
    milestone_id = make_milestone(editor, title="Ceremony", date="2022", topic_ids=list(topics))

    edit(editor, "milestones", milestone_id, place="Market square", date="Q4 2022")

    with app.app_context():
        milestone = find(Milestone, id=milestone_id)
        assert milestone.place == "Market square"
        assert sorted(t.name for t in milestone.topics) == ["Culture", "Digitalisation"]
    shown = show(editor, "milestones", milestone_id)
    assert "Market square" in shown.text
    assert "Q4 2022" in shown.text


def test_milestone_list_search(editor):
    milestone_id = make_milestone(editor, title="Council decision")
    other_id = make_milestone(editor, title="Tree planting")

    assert listed(editor, "milestones", milestone_id, "council")
    assert not listed(editor, "milestones", other_id, "council")
    assert not listed(editor, "milestones", milestone_id, NO_MATCH)


def test_delete_milestone(editor, app):
    milestone_id = make_milestone(editor)

    assert delete(editor, "milestones", milestone_id).status_code == 302

    assert editor.get(f"/milestones/{milestone_id}").status_code == 404
    assert not listed(editor, "milestones", milestone_id)
    with app.app_context():
        assert count(Milestone) == 0


def test_milestone_without_date_is_refused(editor, app):
    response = submit(editor, "/milestones/new", {"title": "Someday", "date": ""})

    assert response.status_code == 422
    form = page(response)
    form.assert_error("date", "Enter a date.")
    assert form.field("title").value == "Someday"
    with app.app_context():
        assert count(Milestone) == 0


# Topics ---------------------------------------------------------------------------------------


def test_create_topic_stores_it_and_shows_it(editor, app):
    response = submit(editor, "/topics/new", {"name": "  Water supply "})
    topic_id = detail_id(response, "topics")

    with app.app_context():
        assert find(Topic, id=topic_id).name == "Water supply"
    assert "Water supply" in show(editor, "topics", topic_id).text


def test_edit_topic_shows_the_change(editor, app):
    topic_id = make_topic(editor, "Water")

    edit(editor, "topics", topic_id, name="Water and sanitation")

    with app.app_context():
        assert find(Topic, id=topic_id).name == "Water and sanitation"
    assert "Water and sanitation" in show(editor, "topics", topic_id).text


def test_topic_list_search(editor):
    topic_id = make_topic(editor, "Urban transformation")
    other_id = make_topic(editor, "Culture")

    assert listed(editor, "topics", topic_id, "urban")
    assert not listed(editor, "topics", other_id, "urban")
    assert not listed(editor, "topics", topic_id, NO_MATCH)


def add_milestones_about(app, topic_ids, number, first_year=2000):
    """Store `number` milestones about the topics at once, one a year from `first_year`."""
    with app.app_context():
        topics = db.session.scalars(select(Topic).where(Topic.id.in_(topic_ids))).all()
        for year in range(first_year, first_year + number):
            db.session.add(
                Milestone(
                    title=f"Meeting of {year}",
                    milestone_kind=MilestoneKind.MEETING,
                    date=parse_fuzzy_date(str(year)),
                    topics=list(topics),
                )
            )
        db.session.commit()


def statements_for(app, client, url):
    """Answer `url`; return the status and how many SQL statements the answer took."""
    answers = []
    statements = statements_during(app, lambda: answers.append(client.get(url)))
    return answers[0].status_code, len(statements)


def test_topic_list_and_download_count_the_events_of_each_topic(editor, app, topics):
    digitalisation, culture = topics
    make_milestone(editor, title="Hackathon", topic_ids=[digitalisation])
    concert = make_milestone(editor, title="Concert", topic_ids=[digitalisation, culture])
    make_milestone(editor, title="Exhibition", topic_ids=[culture])
    delete(editor, "milestones", concert)

    assert "Culture 1 Digitalisation 1" in list_page(editor, "topics").text
    download = editor.get("/topics/export.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(download.removeprefix("\ufeff"))))
    # In the order the topics were entered (a download walks the table's key).
    assert rows == [["Name", "Events"], ["Digitalisation", "1"], ["Culture", "1"]]


def test_topic_list_asks_the_database_as_often_for_many_topics_as_for_few(editor, app, topics):
    add_milestones_about(app, topics, 2)
    _, few = statements_for(app, editor, "/topics/")

    for number in range(20):
        make_topic(editor, f"Topic {number:02d}")
    add_milestones_about(app, [id_of(app, Topic, name="Topic 07"), *topics], 60, first_year=1900)

    status, many = statements_for(app, editor, "/topics/")
    assert status == 200
    assert many == few


def test_topic_page_shows_the_latest_events_and_leads_to_all_of_them(editor, app, topics):
    digitalisation, culture = topics
    add_milestones_about(app, [digitalisation], TOPIC_WINDOW + 5, first_year=1950)
    add_milestones_about(app, [culture], 2, first_year=1800)

    shown = show(editor, "topics", digitalisation)

    last_year = 1950 + TOPIC_WINDOW + 4
    assert f"Meeting of {last_year}" in shown.text
    assert "Meeting of 1954" not in shown.text and "Meeting of 1955" in shown.text
    assert shown.text.index("Meeting of 1955") < shown.text.index(f"Meeting of {last_year}")
    assert f"The latest {TOPIC_WINDOW} of {TOPIC_WINDOW + 5} events about this topic." in (
        shown.text
    )
    assert shown.links_to(f"/timeline/?topic={digitalisation}")
    few = show(editor, "topics", culture)
    assert "Meeting of 1800" in few.text and "Meeting of 1801" in few.text
    assert "events about this topic" not in few.text


def test_a_topic_in_the_archive_is_named_when_its_name_is_used_again(editor, app):
    topic_id = make_topic(editor, "Sister schools")
    delete(editor, "topics", topic_id)

    response = submit(editor, "/topics/new", {"name": "Sister schools"})

    assert response.status_code == 422
    page(response).assert_error("name", "is in the archive; an admin can restore it there")
    with app.app_context():
        assert count(Topic) == 0


def test_topic_service_refuses_what_no_form_checked(app):
    with app.test_request_context():
        for name, message in (("  ", "Enter the topic's name."), ("x" * 101, "at most 100")):
            with pytest.raises(Invalid) as refused:
                save_topic(Topic(), TopicValues(name=name))
            assert message in refused.value.errors["name"]


def test_delete_topic(editor, app):
    topic_id = make_topic(editor, "Passing fad")

    assert delete(editor, "topics", topic_id).status_code == 302

    assert editor.get(f"/topics/{topic_id}").status_code == 404
    assert not listed(editor, "topics", topic_id)
    with app.app_context():
        assert count(Topic) == 0


def test_duplicate_topic_is_explained_not_saved(editor, app):
    make_topic(editor, "Culture")

    response = submit(editor, "/topics/new", {"name": "Culture"})

    assert response.status_code == 422
    form = page(response)
    assert "would duplicate a record" in form.text
    assert form.field("name").value == "Culture"
    with app.app_context():
        assert count(Topic) == 1


def test_topic_without_name_is_refused(editor, app):
    response = submit(editor, "/topics/new", {"name": ""})

    assert response.status_code == 422
    page(response).assert_error("name", "This field is required.")
    with app.app_context():
        assert count(Topic) == 0


def test_create_via_helper_sees_created_flash(editor):
    topic_id = create(editor, "topics", name="Sport")
    assert "Topic “Sport” was created." in show(editor, "topics", topic_id).text
