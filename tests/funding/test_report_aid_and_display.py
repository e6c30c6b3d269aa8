"""Aid deliveries in the funding report, and how the report page reads (period, names, amounts)."""

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from page_reader import page as read
from playwright.sync_api import expect

from partnership.aid.models import AidDelivery
from partnership.extensions import db
from partnership.funding.models import Grant, GrantEvent, Programme
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import Organisation, OrganisationKind
from partnership.reports.aid import AID_COLUMNS
from partnership.visits.models import Visit

from .reports import header_of, rows_of, table
from .test_funding_report_page import documented_columns


@dataclass(frozen=True)
class Aid:
    funder: int
    programme: int
    other_programme: int
    grant: int


def deliver(title: str, when: str, value: str | None = None, **fields) -> AidDelivery:
    delivery = AidDelivery(
        title=title,
        date=parse_fuzzy_date(when),
        goods=f"{title} (goods)",
        value=None if value is None else Decimal(value),
        currency="EUR",
        **fields,
    )
    db.session.add(delivery)
    return delivery


@pytest.fixture
def aid(app, funded) -> Aid:
    """Deliveries paid by the funder's programme, by the funder itself, by another funder's
    programme, through a grant link only, and one whose payer nobody recorded."""
    with app.app_context():
        grant = db.session.get(Grant, funded.grant)
        funder = grant.funder
        other = Organisation(name="Other Foundation", kind=OrganisationKind.FUNDER)
        programme = Programme(name="Direct aid for partner cities", funder=funder)
        other_programme = Programme(name="Other aid", funder=other)
        db.session.add_all([programme, other_programme])
        deliver("Fire engines", "March 2024", "1234.5", paid_by_programme=programme)
        deliver("Generators", "December 2023", paid_by=funder)
        deliver("Blankets", "2024", "10", paid_by_programme=other_programme)
        linked = deliver("School kitchen", "June 2024", "99")
        deliver("Unknown payer", "2024", "5")
        db.session.flush()
        db.session.add(GrantEvent(grant=grant, event=linked))
        db.session.commit()
        return Aid(funder.id, programme.id, other_programme.id, grant.id)


def titles(client, **args) -> list[str]:
    return [row["title"] for row in table(client, "aid", **args)]


def test_each_choice_reports_the_deliveries_it_paid(viewer, aid):
    assert titles(viewer, programme=aid.programme) == ["Fire engines"]
    assert titles(viewer, funder=aid.funder) == ["Generators", "Fire engines", "School kitchen"]
    assert titles(viewer, grant=aid.grant) == ["School kitchen"]
    # A delivery dated only by its year comes after the dated ones of that year.
    assert titles(viewer) == ["Generators", "Fire engines", "School kitchen", "Blankets"]
    assert titles(viewer, funder=aid.funder, **{"from": "2024", "to": "Q2 2024"}) == [
        "Fire engines",
        "School kitchen",
    ]


def test_aid_csv_has_its_documented_columns_and_decimal_commas(viewer, aid):
    response = viewer.get("/reports/funding/aid.csv", query_string={"funder": aid.funder})
    assert header_of(response.get_data(as_text=True)) == AID_COLUMNS
    assert documented_columns()["aid.csv"] == AID_COLUMNS
    rows = table(viewer, "aid", delimiter=";", funder=aid.funder)
    assert [(row["value"], row["paid by programme"]) for row in rows] == [
        ("", ""),
        ("1234,50", "Direct aid for partner cities"),
        ("99,00", ""),
    ]
    assert rows[2]["grants"] == "EU-TT-7"
    (comma,) = table(viewer, "aid", programme=aid.programme)
    assert (comma["value"], comma["start"], comma["end"]) == ("1234.50", "2024-03-01", "2024-03-31")


def test_report_page_shows_the_deliveries_and_their_totals(viewer, aid):
    response = viewer.get("/reports/funding", query_string={"funder": aid.funder})
    assert response.status_code == 200
    shown = read(response)
    assert shown.texts_by_id["aid-totals"] == "3 deliveries: €1,333.50 (value missing for 1)"
    assert shown.links_to(f"/organisations/{aid.funder}")
    deliveries = [link for link in shown.links if re.fullmatch(r"/aid/\d+", link)]
    assert len(deliveries) == 3
    assert any(link.startswith("/reports/funding/aid.csv?") for link in shown.links)
    assert "value missing" in shown.text and "€1,234.50" in shown.text


def test_programme_and_grant_must_belong_together(viewer, aid, funded):
    response = viewer.get(
        "/reports/funding", query_string={"programme": aid.other_programme, "funder": aid.funder}
    )
    assert response.status_code == 422
    read(response).assert_error("programme", "belongs to another funder")
    response = viewer.get(
        "/reports/funding", query_string={"grant": funded.grant, "programme": aid.programme}
    )
    assert response.status_code == 422
    read(response).assert_error("grant", "not from the chosen programme")


def test_cli_reports_a_programme_with_its_deliveries(runner, aid, tmp_path):
    args = ["export", "funding", "--from", "2024", "--to", "2024", "--output", str(tmp_path)]
    result = runner.invoke(args=[*args, "--programme", "Direct aid for partner cities"])
    assert result.exit_code == 0, result.output
    rows = rows_of((tmp_path / "aid.csv").read_text(encoding="utf-8"))
    assert [row["title"] for row in rows] == ["Fire engines"]
    result = runner.invoke(args=[*args, "--funder", "Nobody", "--grant", "EU-TT-7"])
    assert result.exit_code != 0 and "not several" in result.output
    result = runner.invoke(args=[*args, "--programme", "No such programme"])
    assert result.exit_code != 0 and "Nothing is called" in result.output


# How the page reads ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "reads"),
    [
        ({}, "all dates"),
        ({"from": "2024"}, "from 1 January 2024"),
        ({"to": "Q1 2024"}, "until 31 March 2024"),
        ({"from": "2024", "to": "2024"}, "1 January 2024 – 31 December 2024"),
    ],
)
def test_the_period_reads_as_words(viewer, funded, period, reads):
    query = {"grant": funded.grant, "programme": "", "funder": "", "from": "", "to": "", **period}
    shown = read(viewer.get("/reports/funding", query_string=query))
    assert shown.texts_by_id["report-period"] == reads


def test_a_missing_amount_is_shown_as_missing_beside_the_note(viewer, funded):
    html = viewer.get("/reports/funding", query_string={"grant": funded.grant}).get_data(
        as_text=True
    )
    (cell,) = re.findall(r'<td class="num report-amount">(.*?)</td>', html, re.DOTALL)
    dash, said, note = (cell.index(text) for text in ("—", "amount missing", "fully funded"))
    assert dash < said < note, cell
    assert 'aria-hidden="true">—' in cell


def test_the_grant_box_holds_the_whole_name_without_the_funder(viewer, app, funded):
    with app.app_context():
        db.session.get(Grant, funded.grant).title = "Youth councils of Dortmund and Lviv meet"
        db.session.commit()
    shown = read(viewer.get("/reports/funding", query_string={"grant": funded.grant}))
    box = shown.field("grant")
    assert box.chosen == str(funded.grant)
    assert box.attrs["value"] == "EU-TT-7 Youth councils of Dortmund and Lviv meet"


@pytest.mark.browser
def test_names_fit_their_boxes_and_dates_keep_to_one_line(app, funded, page, log_in):
    with app.app_context():
        grant = db.session.get(Grant, funded.grant)
        grant.reference = "KOMM-PARTNER-2024-0815"
        grant.title = "Youth councils of Dortmund and Lviv meet, with workshops on taking part 2024"
        visit = db.session.get(Visit, funded.visit)
        visit.title = "Youth council visits Lviv " * 4
        visit.summary = "A week of workshops"
        db.session.commit()
    log_in()
    page.goto(f"/reports/funding?grant={funded.grant}")
    box = page.locator("#grant")
    expect(box).to_have_value(re.compile("taking part 2024$"))
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth"), "the name is cut"
    for cell in ("td.report-date", "td.report-reference"):
        lines = page.locator(cell).first.evaluate(
            "cell => { const r = document.createRange(); r.selectNodeContents(cell);"
            " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"
        )
        assert lines == 1, f"{cell} wraps into {lines} lines"
