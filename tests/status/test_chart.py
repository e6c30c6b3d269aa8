"""The start page's chart counts events of every kind, stages and aid deliveries included,
and leaves out what did not happen."""

from decimal import Decimal

from partnership.aid.models import AidDelivery
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.home import events_per_city_and_year
from partnership.partners.models import Partnership, PartnershipKind, PartnershipStatus
from partnership.stages.models import PartnershipStage, StageKind
from partnership.visits.models import VisitStatus
from status.status_helpers import city, exchange, page_text, visit


def _every_kind() -> None:
    kharkiv, home = city("Kharkiv"), city("Dortmund")
    home.is_home = True
    partnership = Partnership(
        home_city_id=home.id,
        partner_city_id=kharkiv.id,
        kind=PartnershipKind.SOLIDARITY,
        status=PartnershipStatus.ACTIVE,
    )
    partnership.date = parse_fuzzy_date("2022")
    db.session.add(partnership)
    db.session.flush()
    # A stage names its city through its partnership.
    founded = PartnershipStage(
        title="Solidarity partnership founded",
        partnership_id=partnership.id,
        stage=StageKind.FOUNDED,
    )
    founded.date = parse_fuzzy_date("05.05.2022")
    aid = AidDelivery(
        title="Two fire engines", partner_city_id=kharkiv.id, value=Decimal("40000.00")
    )
    aid.date = parse_fuzzy_date("11.2022")
    db.session.add_all([founded, aid])
    db.session.commit()
    visit("Mayors meet", "03.2023", VisitStatus.DONE, kharkiv)
    visit("Visit called off", "04.2023", VisitStatus.CANCELLED, kharkiv)
    exchange("Exchange dropped", "06.2023", ExchangeStatus.CANCELLED, kharkiv)
    # An exchange that took place counts once: as its visit.
    took_place = visit("Youth visit", "08.2023", VisitStatus.DONE, kharkiv)
    realised = exchange("Youth exchange", "08.2023", ExchangeStatus.REALISED, kharkiv)
    db.session.get(PlannedExchange, realised).realised_visit_id = took_place
    db.session.commit()


def test_the_chart_counts_every_kind_that_happened(app, editor):
    with app.app_context():
        _every_kind()
        assert events_per_city_and_year().rows == [("Kharkiv", {2022: 2, 2023: 2})]
        db.session.remove()
    html = editor.get("/").get_data(as_text=True)
    latest = page_text(html.split('id="latest"')[1].split("</section>")[0])
    assert "Two fire engines" in latest and "Solidarity partnership founded" in latest
    assert "4 events with 1 partner city from 2022 to 2023" in html


def test_the_chart_on_the_start_page_leaves_cancelled_events_out(app, editor):
    with app.app_context():
        kharkiv = city("Kharkiv")
        visit("Mayors meet", "03.2023", VisitStatus.DONE, kharkiv)
        visit("Visit called off", "04.2023", VisitStatus.CANCELLED, kharkiv)
        exchange("Exchange dropped", "06.2024", ExchangeStatus.CANCELLED, kharkiv)
        db.session.remove()
    html = editor.get("/").get_data(as_text=True)
    assert "Kharkiv 1" in page_text(html.split('id="per-year"')[1])
    assert "1 event with 1 partner city from 2023 to 2023" in html


def test_decades_without_events_are_left_out_with_a_break_in_the_axis():
    from partnership.chart import ChartData, chart_width, events_per_year_svg
    from partnership.home import with_short_gaps_filled

    # A single empty year stays (2022 between 2021 and 2023); 1961–2020 do not.
    years = with_short_gaps_filled([1960, 2021, 2023, 2024])
    assert years == [1960, 2021, 2022, 2023, 2024]
    data = ChartData(years=years, rows=[("Amiens", {1960: 1}), ("Zhytomyr", {2023: 2})])
    svg = events_per_year_svg(data, "title", "description")
    axis = [part.split(">")[1] for part in svg.split('class="axis"')[1:]]
    assert [label.split("<")[0] for label in axis] == ["1960", "…", "2021", "2022", "2023", "2024"]
    # Six columns, not the 65 years from 1960 to 2024: the recent bars fit a desktop screen.
    assert chart_width(data) < 500
