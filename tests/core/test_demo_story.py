"""The demo tells the partnership's whole story: its stages, an aid delivery, older partnerships."""

from conftest import logged_in
from pages.helpers import page
from sqlalchemy import select

from partnership.aid.models import AidDelivery
from partnership.auth.models import Role
from partnership.demo.story import story
from partnership.extensions import db
from partnership.partners.models import City, Partnership, PartnershipKind, PartnershipStatus
from partnership.stages.models import PartnershipStage, StageKind


def partnership_with(city_name: str) -> Partnership:
    city = db.session.scalars(select(City).where(City.name == city_name)).one()
    return db.session.scalars(select(Partnership).where(Partnership.partner_city == city)).one()


def test_each_partnership_is_what_its_latest_stage_made_it(app_ctx, demo):
    zhytomyr = partnership_with("Zhytomyr")
    stages = sorted(zhytomyr.stages, key=lambda s: s.date_sort)
    assert [s.stage for s in stages] == [StageKind.FOUNDED, StageKind.SIGNED, StageKind.UPGRADED]
    assert [s.date_sort.isoformat() for s in stages] == ["2023-02-09", "2023-02-23", "2025-07-09"]
    # A solidarity partnership first, a twinning since July 2025, begun with the decision.
    assert stages[0].partnership_kind is PartnershipKind.SOLIDARITY
    assert zhytomyr.kind is PartnershipKind.TWINNING
    assert zhytomyr.status is PartnershipStatus.ACTIVE
    assert zhytomyr.date.start.isoformat() == "2023-02-09"

    rostov = partnership_with("Rostov-on-Don")
    assert rostov.status is PartnershipStatus.SUSPENDED
    assert rostov.date.start.isoformat() == "1977-07-04"
    assert partnership_with("Amiens").date.start.isoformat() == "1960-04-02"


def test_the_aid_delivery_names_who_sent_it_to_whom(app_ctx, demo):
    delivery = db.session.scalars(select(AidDelivery)).one()
    assert (delivery.sender.name, delivery.recipient.name) == (
        "City of Dortmund",
        "City of Zhytomyr",
    )
    assert delivery.partner_city.name == "Zhytomyr"
    assert delivery.goods


def test_every_event_of_the_story_is_written_in_german_too(app_ctx, demo):
    events = db.session.scalars(select(PartnershipStage)).all() + [
        db.session.scalars(select(AidDelivery)).one()
    ]
    assert len(events) == len(story()["stages"]) + 1
    assert all({text.language for text in event.texts} == {"de", "uk"} for event in events)


def test_the_stages_are_on_the_timeline_in_the_readers_language(app, demo):
    english = page(logged_in(app, Role.VIEWER).get("/timeline/")).text
    assert "Twinning with Amiens proclaimed" in english
    assert "Exchanges with Rostov-on-Don suspended" in english
    # The 1960 twinning comes first; the solidarity partnership before the first visit.
    assert english.index("Twinning with Amiens proclaimed") < english.index("1977")
    assert english.index("Council decides on a solidarity partnership") < english.index(
        "First visit from Dortmund to Zhytomyr"
    )

    german_reader = logged_in(app, Role.VIEWER)
    german_reader.set_cookie("lang", "de")
    german = page(german_reader.get("/timeline/")).text
    assert "Schytomyr wird Partnerstadt Dortmunds" in german
    assert "Kanalreinigungsfahrzeug für Schytomyr" in german
    assert "Zhytomyr becomes Dortmund's twin town" not in german


def test_the_partnership_page_lists_its_stages(app, demo):
    with app.app_context():
        partnership_id = partnership_with("Zhytomyr").id
    shown = page(logged_in(app, Role.VIEWER).get(f"/partnerships/{partnership_id}")).text
    assert "Solidarity partnership agreement signed online" in shown
    assert "Council decision of 22 May 2025" in shown
