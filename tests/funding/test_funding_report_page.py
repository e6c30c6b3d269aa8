"""The funding report page: choose, preview, download; and CSV that reads back exactly."""

import csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pages.helpers import page
from sqlalchemy import select

from partnership.demo.story import GRANT_REFERENCE
from partnership.extensions import db
from partnership.funding.models import Grant, Participant, ParticipantOrigin
from partnership.reports.tables import (
    ACTIVITY_COLUMNS,
    BUDGET_COLUMNS,
    COST_COLUMNS,
    PARTICIPANT_COLUMNS,
)

from .reports import REPORT_FILES, add_receipt, download, header_of, rows_of, table, zip_members

NOTE = 'Zwei Zeilen:\r\n"Fahrkarten" für Жанна Ковальчук, Straße 1\nund ein Komma, am Ende'
NASTY = {
    '=HYPERLINK("http://x")': '\'=HYPERLINK("http://x")',
    "+49 231 50-0": "'+49 231 50-0",
    "-Reise": "'-Reise",
    "@SUM(A1)": "'@SUM(A1)",
    "\tTab": "'\tTab",
    "\rReturn": "'\rReturn",
}


def documented_columns() -> dict[str, list[str]]:
    """Read the columns of each file from the tables in README.md's section on reports."""
    readme = Path(__file__).parents[2].joinpath("README.md").read_text(encoding="utf-8")
    section = readme.split("## Funding reports", 1)[1]
    files = {}
    for part in section.split("\n### ")[1:]:
        name, _, body = part.partition("\n")
        files[name.strip()] = re.findall(r"^\| `([^`]+)` \|", body, re.MULTILINE)
    return files


def demo_grant_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Grant.id).where(Grant.reference == GRANT_REFERENCE))


# The demo story --------------------------------------------------------------------------------


def test_demo_grant_yields_the_september_visit_with_its_article(viewer, app, demo):
    grant = demo_grant_id(app)
    activities = table(viewer, "activities", grant=grant, **{"from": "2023", "to": "2023"})
    assert len(activities) == 1
    visit = activities[0]
    assert visit["title"] == "Delegation from Zhytomyr visits Dortmund"
    assert (visit["date"], visit["start"], visit["end"]) == (
        "24–29 September 2023",
        "2023-09-24",
        "2023-09-29",
    )
    assert (visit["kind"], visit["direction"], visit["place"]) == ("Visit", "incoming", "Dortmund")
    assert visit["partner city"] == "Zhytomyr"
    assert visit["evidence"] == "https://www.dortmund.de/newsroom/"
    assert visit["press articles"] == "Delegation aus Schytomyr besucht Dortmund"
    assert visit["related agreements"] == (
        "Cooperation agreement with the Zhytomyr Volunteer Headquarter"
    )
    assert (visit["participants"], visit["participants by country"]) == ("1", "UA 1")
    assert visit["delegation size"] == "6"
    assert visit["funding note"] == "largely funded"
    assert visit["funded amount"] == ""
    assert "Smart city" in visit["topics"]
    assert visit["programme"].startswith("Official welcome by the Mayor | ")

    people = table(viewer, "participants", grant=grant)
    assert [(p["name"], p["country"], p["taking part as"]) for p in people] == [
        ("Svitlana Olshanska", "UA", "international")
    ]


def test_demo_report_page_previews_the_visit(viewer, app, demo):
    response = viewer.get(
        "/reports/funding", query_string={"grant": demo_grant_id(app), "from": "Sep 2023"}
    )
    assert response.status_code == 200
    shown = page(response)
    assert "Delegation from Zhytomyr visits Dortmund" in shown.text
    assert shown.links_to("https://www.dortmund.de/newsroom/")
    assert shown.texts_by_id["participants-by-country"] == "1: Ukraine 1"
    assert any(link.startswith("/reports/funding/report.zip?") for link in shown.links)


def test_the_period_leaves_out_what_falls_outside(viewer, app, demo):
    grant = demo_grant_id(app)
    assert table(viewer, "activities", grant=grant, **{"from": "2024", "to": "2024"}) == []
    assert table(viewer, "participants", grant=grant, **{"from": "2024"}) == []
    # A period that only touches the visit's range still counts it.
    assert len(table(viewer, "activities", grant=grant, to="24.09.2023")) == 1


# Choosing --------------------------------------------------------------------------------------


def test_period_ending_before_it_starts_is_refused_with_input_kept(viewer, app, demo):
    response = viewer.get(
        "/reports/funding",
        query_string={"grant": demo_grant_id(app), "from": "Oktober 2023", "to": "September 2023"},
    )
    assert response.status_code == 422
    shown = page(response)
    shown.assert_error("to", "The period cannot end before it starts.")
    assert shown.field("from").value == "Oktober 2023"
    assert shown.field("to").value == "September 2023"
    assert "Funded activities" not in shown.text


def test_unreadable_date_is_refused_and_downloads_refuse_it_too(viewer, demo):
    response = viewer.get("/reports/funding", query_string={"from": "Sommer 2023"})
    assert response.status_code == 422
    page(response).assert_error("from", "too vague")
    assert viewer.get("/reports/funding/costs.csv?to=Sommer+2023").status_code == 422


def test_grant_of_another_funder_is_refused(viewer, app, funded, demo):
    with app.app_context():
        funder = db.session.get(Grant, funded.grant).funder_id
    response = viewer.get(
        "/reports/funding", query_string={"grant": demo_grant_id(app), "funder": funder}
    )
    assert response.status_code == 422
    page(response).assert_error("grant", "not from the chosen funder")


def test_a_funder_report_covers_every_grant_of_the_funder(viewer, app, funded, demo):
    with app.app_context():
        funder = db.session.get(Grant, funded.grant).funder_id
    add_receipt(app, funded.visit, funded.travel, "10", paid_on=date(2024, 5, 1))
    costs = table(viewer, "costs", funder=funder)
    assert [c["grant"] for c in costs] == ["EU-TT-7"]
    budget = table(viewer, "budget", funder=funder)
    assert {b["grant"] for b in budget} == {"EU-TT-7", "OTHER-1"}
    assert GRANT_REFERENCE not in {b["grant"] for b in budget}


# CSV that opens cleanly ------------------------------------------------------------------------


def test_every_csv_has_its_documented_columns(viewer, funded):
    expected = {
        "activities.csv": ACTIVITY_COLUMNS,
        "costs.csv": COST_COLUMNS,
        "budget.csv": BUDGET_COLUMNS,
        "participants.csv": PARTICIPANT_COLUMNS,
    }
    documented = documented_columns()
    for name, columns in expected.items():
        text = download(viewer, name, grant=funded.grant).get_data().decode("utf-8")
        assert header_of(text) == columns
        assert documented[name] == columns, name


def test_receipts_read_back_exactly_as_stored(viewer, app, funded):
    add_receipt(
        app,
        funded.visit,
        funded.interpreting,
        "1234.50",
        "1000.00",
        paid_on=date(2024, 5, 12),
        payee="Перекладач «Слово»",
        purpose='Dolmetschen "Jugendrat", Übergabe',
        receipt_number="2024/Ä-7",
        note=NOTE,
    )
    add_receipt(
        app, funded.visit, funded.travel, "-12.80", paid_on=date(2024, 5, 3), purpose="Erstattung"
    )
    add_receipt(app, funded.visit, funded.travel, "99.99", purpose="not paid yet")
    costs = table(viewer, "costs", grant=funded.grant)
    assert [c["purpose"] for c in costs] == [
        "Erstattung",
        'Dolmetschen "Jugendrat", Übergabe',
        "not paid yet",
    ]
    refund, interpreting, unpaid = costs
    assert interpreting == {
        "activity id": str(funded.visit),
        "grant": "EU-TT-7",
        "budget line": "Interpreting",
        "date paid": "2024-05-12",
        "receipt number": "2024/Ä-7",
        "payee": "Перекладач «Слово»",
        "purpose": 'Dolmetschen "Jugendrat", Übergabe',
        "amount": "1234.50",
        "currency": "EUR",
        "grant share": "1000.00",
        "own share": "234.50",
        "activity": "Youth council visits Lviv",
        "note": NOTE,
    }
    assert (refund["amount"], refund["grant share"], refund["own share"]) == (
        "-12.80",
        "-12.80",
        "0.00",
    )
    assert unpaid["date paid"] == ""


def test_semicolon_files_write_decimal_commas(viewer, app, funded):
    add_receipt(app, funded.visit, funded.travel, "-1234.5", "-1000", note=NOTE, payee="Café; Bar")
    text = download(viewer, "costs.csv", grant=funded.grant, delimiter=";").get_data().decode()
    line = text.split("\r\n")[1]
    assert line.startswith(f"{funded.visit};EU-TT-7;Travel;;;")
    assert ";-1234,50;EUR;-1000,00;-234,50;" in line
    (cost,) = rows_of(text, ";")
    assert cost["payee"] == "Café; Bar"
    assert cost["note"] == NOTE
    budget = rows_of(download(viewer, "budget.csv", grant=funded.grant, delimiter=";").text, ";")
    assert budget[0]["planned"] == "1000,00"
    assert budget[0]["remaining"] == "2234,50"


def test_formulas_in_text_are_neutralised_but_negative_amounts_stay_numbers(viewer, app, funded):
    for text in NASTY:
        add_receipt(app, funded.visit, funded.travel, "-5.00", payee=text, purpose=text)
    raw = download(viewer, "costs.csv", grant=funded.grant).get_data().decode()
    costs = rows_of(raw)
    assert [c["payee"] for c in costs] == list(NASTY.values())
    assert {c["amount"] for c in costs} == {"-5.00"}
    # The number is written bare, never quoted or prefixed: a spreadsheet reads it as -5.
    assert all(",-5.00,EUR,-5.00,0.00," in line for line in raw.split("\r\n")[1:-1])


def test_budget_totals_per_line_in_the_period(viewer, app, funded):
    add_receipt(app, funded.visit, funded.travel, "400", "360", paid_on=date(2024, 5, 1))
    add_receipt(app, funded.visit, funded.travel, "100", "90", paid_on=date(2024, 6, 1))
    add_receipt(app, funded.visit, funded.interpreting, "50", paid_on=date(2024, 5, 20))
    add_receipt(app, funded.visit, funded.travel, "7", paid_on=date(2023, 12, 31))
    budget = table(viewer, "budget", grant=funded.grant, **{"from": "2024", "to": "2024"})
    assert [
        (b["row"], b["budget line"], b["planned"], b["spent"], b["grant share"], b["own share"])
        for b in budget
    ] == [
        ("budget line", "Travel", "1000.00", "500.00", "450.00", "50.00"),
        ("budget line", "Interpreting", "500.00", "50.00", "50.00", "0.00"),
        ("total", "", "1500.00", "550.00", "500.00", "50.00"),
    ]
    assert [(b["remaining"], b["% used"], b["receipts"]) for b in budget] == [
        ("500.00", "50.00", "2"),
        ("450.00", "10.00", "1"),
        ("950.00", "36.70", "3"),
    ]
    costs = table(viewer, "costs", grant=funded.grant, **{"from": "2024", "to": "2024"})
    assert sum(Decimal(c["amount"]) for c in costs) == Decimal("550.00")


def test_participants_per_country_in_the_activities_table(viewer, app, funded):
    with app.app_context():
        for name, country in (("Iryna", "UA"), ("Taras", "UA"), ("Jan", "PL"), ("Anna", "")):
            db.session.add(
                Participant(
                    event_id=funded.visit,
                    name=name,
                    country_code=country,
                    origin=ParticipantOrigin.INTERNATIONAL,
                    signed_list=name != "Anna",
                )
            )
        db.session.commit()
    (activity,) = table(viewer, "activities", grant=funded.grant)
    assert activity["participants"] == "4"
    assert activity["participants by country"] == "UA 2, PL 1, unknown 1"
    people = table(viewer, "participants", grant=funded.grant)
    assert [(p["name"], p["signed list"]) for p in people] == [
        ("Iryna", "yes"),
        ("Taras", "yes"),
        ("Jan", "yes"),
        ("Anna", "no"),
    ]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_zip_holds_the_same_files_as_the_single_downloads(viewer, app, funded, delimiter):
    add_receipt(app, funded.visit, funded.travel, "12.5", note=NOTE)
    args = {"grant": funded.grant, "delimiter": delimiter}
    response = download(viewer, "report.zip", **args)
    assert response.mimetype == "application/zip"
    assert 'filename="funding-EU-TT-7.zip"' in response.headers["Content-Disposition"]
    members = zip_members(response.get_data())
    assert list(members) == REPORT_FILES
    for name, data in members.items():
        assert data == download(viewer, name, **args).get_data(), name
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))
        assert len(header) > 5


def test_reports_need_a_login(client, funded):
    response = client.get("/reports/funding/costs.csv")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_german_interface_offers_semicolons_first(viewer, funded):
    viewer.set_cookie("lang", "de")
    shown = page(viewer.get("/reports/funding"))
    assert shown.field("delimiter").value == ";"
    viewer.set_cookie("lang", "en")
    assert page(viewer.get("/reports/funding")).field("delimiter").value == ","
