"""Pages say each thing once and hide nothing: a tentative date by its own "probably", the
partner city not again on its partnership's events, an agreement's exchanges with their status."""

from sqlalchemy import select
from timeline.timeline_helpers import DEMO_EXCHANGE, DEMO_VISIT
from timeline.timeline_helpers import page as timeline_page

from pages.helpers import find, id_of, show
from partnership.agreements.models import Agreement
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.partners.models import City, Partnership
from partnership.press.models import PressArticle


def test_a_tentative_date_is_marked_once_on_event_pages_and_tables(app, viewer, demo):
    exchange = id_of(app, PlannedExchange, title=DEMO_EXCHANGE)
    article = id_of(app, PressArticle, url="https://www.dortmund.de/newsroom/")
    for shown in (show(viewer, "exchanges", exchange), show(viewer, "press", article)):
        assert shown.text.count("probably February 2024") == 1
        assert "tentative" not in shown.text


def test_a_partnerships_events_do_not_repeat_its_partner_city(app, viewer, demo):
    with app.app_context():
        zhytomyr = db.session.scalars(select(City.id).where(City.name == "Zhytomyr")).one()
        partnership = db.session.scalars(
            select(Partnership.id).where(Partnership.partner_city_id == zhytomyr)
        ).one()

    shown = timeline_page(viewer.get(f"/partnerships/{partnership}"))

    assert shown.entries
    assert all("Zhytomyr" not in entry.kind_line for entry in shown.entries)
    assert shown.entry(DEMO_VISIT).kind_line == "Visit"


def test_an_agreement_lists_its_exchanges_with_their_status(app, editor, demo):
    exchange = id_of(app, PlannedExchange, title=DEMO_EXCHANGE)
    with app.app_context():
        agreement = find(PlannedExchange, id=exchange).origin_agreement_id
        assert db.session.get(Agreement, agreement) is not None
    assert f"{DEMO_EXCHANGE} · probably February 2024 · planned" in (
        show(editor, "agreements", agreement).text
    )

    with app.app_context():
        find(PlannedExchange, id=exchange).status = ExchangeStatus.CANCELLED
        db.session.commit()

    assert f"{DEMO_EXCHANGE} · probably February 2024 · cancelled" in (
        show(editor, "agreements", agreement).text
    )
