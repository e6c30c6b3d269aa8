"""Every list page downloads its current, filtered view as spreadsheet-safe CSV."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from sql_counting import statements_during
from sqlalchemy import select

from partnership.auth.models import Role
from partnership.events.models import Milestone, MilestoneKind
from partnership.exports.lists import list_export, list_exports
from partnership.extensions import db
from partnership.funding.models import Grant, Programme
from partnership.fuzzydate import parse_fuzzy_date
from partnership.imports.kinds import importable, importables
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.people.models import Contact
from partnership.records.entity import entities
from partnership.visits.models import Direction, Visit

from .import_helpers import IMPORTABLE, LISTS

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def every_kind(app, demo):
    """The demo story plus a milestone and a funding programme: a record on every list."""
    with app.app_context():
        funder = db.session.scalars(
            select(Organisation).where(Organisation.kind == OrganisationKind.FUNDER)
        ).first()
        db.session.add(Programme(name="Kommunale Partnerschaften", funder=funder))
        db.session.add(
            Milestone(
                title="Council decides on the partnership",
                milestone_kind=MilestoneKind.COUNCIL_DECISION,
                date=parse_fuzzy_date("2022"),
            )
        )
        db.session.commit()
    return app


def download(client, url: str, **query):
    with client.get(url, query_string=query) as response:
        return response, response.data.decode("utf-8")


def rows_of(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter)
    )


def test_every_list_page_and_every_importable_kind_is_described(app):
    assert sorted(importables()) == sorted(IMPORTABLE)
    assert sorted(list_exports()) == sorted(LISTS)
    with_list = [entity.name for entity in entities() if entity.list_query is not None]
    assert [name for name in with_list if list_export(name) is None] == []


@pytest.mark.parametrize("area", LISTS)
def test_every_list_page_links_to_its_download_and_it_opens_in_spreadsheets(
    every_kind, client, auth, area
):
    auth.login(Role.VIEWER)
    page = client.get(f"/{area}/").text
    assert f'href="/{area}/export.csv"' in page
    assert f'href="/{area}/export.csv?delimiter=;"' in page
    response, text = download(client, f"/{area}/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert f'filename="{area}.csv"' in response.headers["Content-Disposition"]
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    rows = rows_of(text)
    assert rows[0] == list_export(area).header
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)


def test_importable_lists_download_exactly_the_import_columns(app):
    for name in IMPORTABLE:
        assert list_export(name).header == importable(name).importer.header


def test_the_column_orders_are_the_documented_ones(app):
    readme = README.read_text()
    for area in LISTS:
        header = list_export(area).header
        assert ", ".join(header) in readme, f"README does not list the columns of {area}"


def test_the_download_is_the_filtered_view_of_the_page(every_kind, editor):
    page = editor.get("/cities/", query_string={"q": "Schytomyr"}).text
    assert 'href="/cities/export.csv?q=Schytomyr"' in page
    _, text = download(editor, "/cities/export.csv", q="Schytomyr")
    assert [row[0] for row in rows_of(text)[1:]] == ["Zhytomyr"]
    _, text = download(editor, "/contacts/export.csv", q="olshanska")
    assert [row[0] for row in rows_of(text)[1:]] == ["Svitlana Olshanska"]
    _, text = download(editor, "/contacts/export.csv", q="nobody-like-this")
    assert rows_of(text) == [importable("contacts").importer.header]


def test_semicolons_for_german_excel_on_request(every_kind, editor):
    _, text = download(editor, "/organisations/export.csv", delimiter=";")
    rows = rows_of(text, ";")
    assert text.splitlines()[0] == "\ufeffName;Kind;City;Website;Notes"
    office = next(row for row in rows if row[0].startswith("Office"))
    assert office[:2] == ["Office for International Relations, City of Dortmund", "city department"]


def test_amounts_get_the_decimal_mark_of_the_chosen_separator(every_kind, editor):
    with every_kind.app_context():
        funder = db.session.scalars(select(Organisation)).first()
        db.session.add(Grant(reference="KP-1", funder=funder, amount=Decimal("1234.5")))
        db.session.add(Grant(reference="KP-2", funder=funder, amount=Decimal("-12.8")))
        db.session.commit()
    amounts = {}
    for delimiter in (",", ";"):
        _, text = download(editor, "/grants/export.csv", delimiter=delimiter)
        rows = rows_of(text, delimiter)
        amount = rows[0].index("Amount")
        amounts[delimiter] = {row[0]: row[amount] for row in rows[1:]}
    assert (amounts[","]["KP-1"], amounts[","]["KP-2"]) == ("1234.50", "-12.80")
    assert (amounts[";"]["KP-1"], amounts[";"]["KP-2"]) == ("1234,50", "-12,80")


def test_formulas_are_neutralised_in_downloads(app, editor):
    with app.app_context():
        db.session.add(Contact(name='=WEBSERVICE("http://x")', phone="+49 1", role_title="@a"))
        db.session.commit()
    _, text = download(editor, "/contacts/export.csv")
    row = rows_of(text)[1]
    assert row[0] == '\'=WEBSERVICE("http://x")'
    assert row[1] == "'@a"
    assert row[5] == "'+49 1"


def count_queries(app, client, url: str) -> int:
    return len(statements_during(app, lambda: download(client, url)))


def add_visits(app, number: int) -> None:
    with app.app_context():
        zhytomyr = db.session.scalars(select(City).where(City.name == "Zhytomyr")).one()
        for i in range(number):
            db.session.add(
                Visit(
                    title=f"Visit {i}",
                    direction=Direction.OUTGOING,
                    host_city=zhytomyr,
                    partner_city=zhytomyr,
                    date=parse_fuzzy_date(f"{2000 + i}"),
                )
            )
        db.session.commit()


@pytest.mark.parametrize("area", ["visits", "agreements", "delegations", "press", "grants"])
def test_a_download_asks_the_database_as_often_for_many_rows_as_for_few(every_kind, editor, area):
    few = count_queries(every_kind, editor, f"/{area}/export.csv")
    add_visits(every_kind, 30)
    assert count_queries(every_kind, editor, f"/{area}/export.csv") == few
