"""Deleting a record others depend on is refused with the reasons; anything else goes."""

import pytest
from sqlalchemy import select

from partnership.agreements.models import Agreement
from partnership.archive import archive
from partnership.events.models import Event, Topic
from partnership.exchanges.models import PlannedExchange
from partnership.extensions import db
from partnership.funding.models import CostItem, Grant, GrantEvent
from partnership.partners.models import City, CityName, Organisation
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Delegation, DelegationMember, Visit

from .archive_helpers import in_archive, restore
from .helpers import (
    count,
    delete,
    edit,
    find,
    id_of,
    listed,
    make_city,
    make_funder,
    make_grant,
    make_milestone,
    make_programme,
    make_visit,
    page,
    show,
)

SEPTEMBER_VISIT = "Delegation from Zhytomyr visits Dortmund"
JUNE_VISIT = "First visit from Dortmund to Zhytomyr"
AGREEMENT = "Cooperation agreement with the Zhytomyr Volunteer Headquarter"
ARTICLE = "Delegation aus Schytomyr besucht Dortmund"


def assert_refused(client, area, object_id, *reasons):
    """The confirm page explains and offers no delete button; a POST deletes nothing."""
    confirm = client.get(f"/{area}/{object_id}/delete")
    assert confirm.status_code == 200
    confirm_page = page(confirm)
    assert "cannot be deleted" in confirm_page.text
    assert not [f for f in confirm_page.forms if f.method == "post" and f.action == ""]
    for reason in reasons:
        assert reason in confirm_page.text, (reason, confirm_page.text)

    response = delete(client, area, object_id)

    assert response.status_code == 409
    refused = page(response)
    assert "Other records still depend on it" in refused.text
    for reason in reasons:
        assert reason in refused.text, reason
    assert client.get(f"/{area}/{object_id}").status_code == 200
    assert listed(client, area, object_id)


def test_demo_zhytomyr_cannot_be_deleted(editor, demo, app):
    zhytomyr = id_of(app, City, name="Zhytomyr")

    assert_refused(
        editor,
        "cities",
        zhytomyr,
        "1 partnership refers to it as partner city.",
        "2 organisations refer to it as city.",
        "1 contact refers to it as city.",
        "1 delegation refers to it as origin city.",
        # Its visits, agreement, exchange, aid delivery and three stages of its partnership.
        "8 events refer to it as partner city.",
        "1 visit refers to it as host city.",
    )

    with app.app_context():
        city = find(City, id=zhytomyr)
        assert len(city.names) == 4
        assert count(Event) == 11


def test_demo_home_city_cannot_be_deleted(editor, demo, app):
    dortmund = id_of(app, City, name="Dortmund")

    assert_refused(editor, "cities", dortmund, "3 partnerships refer to it as home city.")


def test_demo_volunteer_headquarter_cannot_be_deleted(editor, demo, app):
    ngo = id_of(app, Organisation, name="Zhytomyr Volunteer Headquarter")

    assert_refused(editor, "organisations", ngo, "1 agreement party refers to it as organisation.")

    with app.app_context():
        assert len(find(Agreement, title=AGREEMENT).parties) == 2


def test_demo_september_visit_cannot_be_deleted(editor, demo, app):
    visit = id_of(app, Visit, title=SEPTEMBER_VISIT)

    assert_refused(editor, "visits", visit, "1 agreement refers to it as signed during.")

    with app.app_context():
        kept = find(Visit, id=visit)
        assert len(kept.programme) == 6
        assert len(kept.topics) == 7
        assert len(kept.press_articles) == 1
        assert count(GrantEvent) == 1


@pytest.mark.parametrize(
    ("model", "filters", "area", "reason"),
    [
        (
            Contact,
            {"name": "Svitlana Olshanska"},
            "contacts",
            "1 delegation membership refers to it as contact.",
        ),
        (
            Contact,
            {"name": "Fabian Zeuch"},
            "contacts",
            "1 partnership refers to it as coordinator.",
        ),
        (Topic, {"name": "Digitalisation"}, "topics", "1 event refers to it as topic."),
        (
            Organisation,
            {"name": "Servicestelle Kommunen in der Einen Welt"},
            "organisations",
            "1 grant refers to it as funder.",
        ),
        (
            Agreement,
            {"title": AGREEMENT},
            "agreements",
            "1 planned exchange refers to it as origin agreement.",
        ),
        (
            Delegation,
            {"name": "Delegation of Zhytomyr, September 2023"},
            "delegations",
            "1 visit refers to it as delegation.",
        ),
    ],
    ids=["member", "coordinator", "topic", "funder", "agreement", "delegation"],
)
def test_demo_records_in_use_cannot_be_deleted(editor, demo, app, model, filters, area, reason):
    object_id = id_of(app, model, **filters)

    assert_refused(editor, area, object_id, reason)

    with app.app_context():
        assert find(model, id=object_id) is not None


def test_programme_with_grants_cannot_be_deleted(editor, app):
    funder = make_funder(editor)
    programme = make_programme(editor, funder)
    make_grant(editor, funder, programme_id=programme)

    assert_refused(editor, "programmes", programme, "1 grant refers to it as programme.")


def test_city_used_by_a_visit_cannot_be_deleted_until_the_visit_moves(editor, app):
    old_host = make_city(editor, "Berdychiv")
    new_host = make_city(editor, "Korosten")
    visit = make_visit(editor, old_host)

    assert_refused(editor, "cities", old_host, "1 visit refers to it as host city.")

    edit(editor, "visits", visit, host_city_id=new_host)
    assert delete(editor, "cities", old_host).status_code == 302
    with app.app_context():
        assert find(City, id=old_host) is None
        assert find(Visit, id=visit).host_city_id == new_host


@pytest.mark.parametrize("area", ["visits", "milestones"])
def test_event_paid_for_by_a_grant_cannot_be_deleted(editor, app, area):
    city = make_city(editor)
    if area == "visits":
        event = make_visit(editor, city)
    else:
        event = make_milestone(editor)
    grant = make_grant(editor, make_funder(editor))
    assert editor.post(f"/grants/{grant}/events", data={"event_id": event}).status_code == 302

    assert_refused(editor, area, event, "1 grant link refers to it as event.")

    with app.app_context():
        assert find(Event, id=event) is not None
        assert count(GrantEvent) == 1


def test_demo_september_visit_with_agreement_moved_is_still_kept_for_its_grant(editor, demo, app):
    visit = id_of(app, Visit, title=SEPTEMBER_VISIT)
    agreement = id_of(app, Agreement, title=AGREEMENT)
    edit(editor, "agreements", agreement, signed_during_id="")

    assert_refused(editor, "visits", visit, "grant link")

    assert show(editor, "grants", id_of(app, Grant, reference="DEMO-SKEW-2023")).links_to(
        f"/visits/{visit}"
    )


# What may go ----------------------------------------------------------------------------------


def test_unreferenced_city_is_archived_with_its_names(editor, demo, app):
    city = make_city(editor, "Korosten", other_names="uk: Коростень")
    with app.app_context():
        names_before = count(CityName)

    response = delete(editor, "cities", city)

    assert response.status_code == 302
    assert editor.get(f"/cities/{city}").status_code == 404
    assert not listed(editor, "cities", city, "Коростень")
    assert in_archive(app, "City", city)
    with app.app_context():
        assert find(City, id=city) is None
        assert count(CityName) == names_before

    restore(app, "City", city)
    assert "Коростень" in show(editor, "cities", city).text
    assert listed(editor, "cities", city, "Коростень")


def test_demo_june_visit_goes_and_its_press_article_stays(editor, demo, app):
    visit = id_of(app, Visit, title=JUNE_VISIT)
    article = id_of(app, PressArticle, title=ARTICLE)

    confirm = page(editor.get(f"/visits/{visit}/delete"))
    assert "Its links to 1 press article(s) go with it; the articles themselves stay." in (
        confirm.text
    )
    assert delete(editor, "visits", visit).status_code == 302

    assert editor.get(f"/visits/{visit}").status_code == 404
    with app.app_context():
        assert find(Visit, id=visit) is None
        assert len(find(PressArticle, id=article).events) == 3
        delegation = find(Delegation, name="Delegation of Dortmund to Zhytomyr, June 2023")
        assert delegation is not None
    article_page = show(editor, "press", article)
    assert not article_page.links_to(f"/visits/{visit}")
    assert article_page.links_to(f"/visits/{id_of(app, Visit, title=SEPTEMBER_VISIT)}")


def test_demo_article_goes_and_its_events_stay(editor, demo, app):
    article = id_of(app, PressArticle, title=ARTICLE)
    visit = id_of(app, Visit, title=SEPTEMBER_VISIT)
    with app.app_context():
        events = count(Event)

    assert delete(editor, "press", article).status_code == 302

    with app.app_context():
        assert count(PressArticle) == 0
        assert count(Event) == events
    assert "No press article is linked to this event yet." in show(editor, "visits", visit).text


def test_demo_youth_exchange_can_be_deleted(editor, demo, app):
    exchange = id_of(app, PlannedExchange, title="Young people from Zhytomyr visit Dortmund")

    assert delete(editor, "exchanges", exchange).status_code == 302

    with app.app_context():
        assert find(PlannedExchange, id=exchange) is None
        assert find(Agreement, title=AGREEMENT) is not None
        assert len(find(PressArticle, title=ARTICLE).events) == 3


def test_demo_grant_goes_and_the_visit_stays(editor, demo, app):
    grant = id_of(app, Grant, reference="DEMO-SKEW-2023")
    visit = id_of(app, Visit, title=SEPTEMBER_VISIT)
    # Receipts booked on its budget lines hold a grant: the demo's sample receipts go first.
    assert delete(editor, "grants", grant).status_code == 409
    with app.test_request_context():
        for receipt in db.session.scalars(select(CostItem)):
            archive(receipt)
        db.session.commit()

    assert delete(editor, "grants", grant).status_code == 302

    with app.app_context():
        assert find(Grant, id=grant) is None
        assert count(GrantEvent) == 1, "the archived grant keeps its link for a restore"
        assert find(Visit, id=visit) is not None
    assert not show(editor, "visits", visit).links_to(f"/grants/{grant}")
    assert in_archive(app, "Grant", grant)

    restore(app, "Grant", grant)
    assert show(editor, "grants", grant).links_to(f"/visits/{visit}")


def test_demo_delegation_can_go_once_no_visit_refers_to_it(editor, demo, app):
    delegation = id_of(app, Delegation, name="Delegation of Zhytomyr, September 2023")
    visit = id_of(app, Visit, title=SEPTEMBER_VISIT)

    edit(editor, "visits", visit, delegation_id="")
    assert delete(editor, "delegations", delegation).status_code == 302

    assert editor.get(f"/delegations/{delegation}").status_code == 404
    assert not listed(editor, "delegations", delegation)
    assert in_archive(app, "Delegation", delegation)
    with app.app_context():
        assert find(Delegation, id=delegation) is None
        members = count(DelegationMember)
        assert members > 0, "the archived delegation keeps its members for a restore"
        assert find(Contact, name="Svitlana Olshanska") is not None
        assert find(Visit, id=visit).delegation_id is None

    restore(app, "Delegation", delegation)
    assert "Svitlana Olshanska" in show(editor, "delegations", delegation).text
    with app.app_context():
        assert len(find(Delegation, id=delegation).members) == members


def test_demo_volunteer_headquarter_can_go_once_the_agreement_names_others(editor, demo, app):
    ngo = id_of(app, Organisation, name="Zhytomyr Volunteer Headquarter")
    agreement = id_of(app, Agreement, title=AGREEMENT)
    zhytomyr = id_of(app, City, name="Zhytomyr")
    dortmund_admin = id_of(app, Organisation, name="City of Dortmund")

    edit(
        editor,
        "agreements",
        agreement,
        party_city_ids=[zhytomyr],
        party_organisation_ids=[dortmund_admin],
    )
    assert delete(editor, "organisations", ngo).status_code == 302

    with app.app_context():
        assert find(Organisation, id=ngo) is None
        parties = find(Agreement, id=agreement).parties
        assert sorted(str(p.party) for p in parties) == ["City of Dortmund", "Zhytomyr"]
