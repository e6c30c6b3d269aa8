"""A list page's CSV imports back unchanged, in every form an office might save it."""

import csv
import io

import pytest
from sqlalchemy import select

from partnership.events.models import Topic
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import parse_fuzzy_date
from partnership.imports.kinds import importable
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Direction, ProgrammeItem, Visit, VisitStatus

from .import_helpers import IMPORTABLE, confirm, csv_bytes, text_of, upload, xlsx_bytes


@pytest.fixture
def records(app, demo):
    """The demo story plus records with everything that could break a round trip."""
    with app.app_context():
        zhytomyr = db.session.scalars(select(City).where(City.name == "Zhytomyr")).one()
        dortmund = db.session.scalars(select(City).where(City.name == "Dortmund")).one()
        topic = db.session.scalars(select(Topic).order_by(Topic.name)).first()
        visits = db.session.scalars(select(Visit)).all()
        school = Organisation(
            name='Gymnasium "Nr. 1"; Zhytomyr',
            kind=OrganisationKind.SCHOOL,
            city=zhytomyr,
            website="https://school1.example.org/?a=1&b=2",
            notes="Two lines\nof notes, with a comma",
        )
        db.session.add_all(
            [
                school,
                Contact(
                    name='=HYPERLINK("http://evil.example")',
                    role_title="-ceo",
                    email="ceo@example.org",
                    phone="+49 231 50-0",
                    notes="@mention; “quoted”",
                ),
                Contact(
                    name="Олена Коваль",
                    role_title="Директорка",
                    organisation=school,
                    city=zhytomyr,
                    email="olena@example.org",
                    languages="uk, de",
                ),
                Visit(
                    title="New Year's exchange of choirs",
                    direction=Direction.OUTGOING,
                    host_city=zhytomyr,
                    partner_city=zhytomyr,
                    status=VisitStatus.PLANNED,
                    date=parse_fuzzy_date("voraussichtlich 28.12.2099 – 03.01.2100"),
                    topics=[topic],
                    programme=[
                        ProgrammeItem(position=0, description="Concert, with a reception"),
                        ProgrammeItem(position=1, description="=SUM(A1)"),
                    ],
                ),
                PlannedExchange(
                    title="Study trip of the youth council",
                    exchange_kind=ExchangeKind.STUDY_TRIP,
                    direction=Direction.OUTGOING,
                    status=ExchangeStatus.IDEA,
                    expected_participants=12,
                    partner_city=zhytomyr,
                    date=parse_fuzzy_date("Q3 2099"),
                ),
                PressArticle(
                    title="Schüler aus Dortmund in Schytomyr",
                    url="https://news.example.org/a?id=1",
                    outlet="Ruhr Nachrichten",
                    language="de",
                    tags="Jugend, Schule",
                    published_on=parse_fuzzy_date("02.10.2023").start,
                    events=visits,
                ),
            ]
        )
        assert dortmund.is_home
        db.session.commit()
    return app


def export(client, entity: str, delimiter: str = ",") -> bytes:
    with client.get(f"/{entity}/export.csv", query_string={"delimiter": delimiter}) as response:
        assert response.status_code == 200
        return response.data


def as_rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("entity", IMPORTABLE)
@pytest.mark.parametrize("form", ["comma", "semicolon", "xlsx"])
def test_the_list_download_imports_back_with_nothing_changed_or_doubled(
    records, editor, entity, form
):
    delimiter = ";" if form == "semicolon" else ","
    exported = export(editor, entity, delimiter)
    rows = as_rows(exported, delimiter)
    assert rows[0] == importable(entity).importer.header
    assert len(rows) > 1
    data = xlsx_bytes(rows) if form == "xlsx" else exported
    preview = upload(editor, entity, data, f"{entity}.{'xlsx' if form == 'xlsx' else 'csv'}")
    assert preview.status_code == 200, text_of(preview)
    expected = f"0 new, 0 updates, {len(rows) - 1} unchanged, 0 rows with errors"
    assert expected in text_of(preview)
    assert "Nothing to import" in text_of(preview)
    assert export(editor, entity, delimiter) == exported


@pytest.mark.parametrize("entity", IMPORTABLE)
def test_a_cell_changed_in_the_download_updates_that_one_record(records, editor, entity):
    exported = export(editor, entity)
    rows = as_rows(exported)
    notes = rows[0].index("Notes")
    rows[-1][notes] = "Changed in Excel; line one\nline two"
    preview = upload(editor, entity, csv_bytes(rows))
    assert f"0 new, 1 update, {len(rows) - 2} unchanged" in text_of(preview)
    assert confirm(editor, preview).status_code == 302
    after = as_rows(export(editor, entity))
    assert after == rows, "the import changed more than the one cell"


def test_the_formula_guard_of_the_export_does_not_end_up_in_the_data(records, editor, app):
    exported = export(editor, "contacts").decode("utf-8-sig")
    assert "'=HYPERLINK" in exported and "'+49 231 50-0" in exported
    preview = upload(editor, "contacts", exported.encode())
    assert "unchanged" in text_of(preview)
    with app.app_context():
        contact = db.session.scalars(
            select(Contact).where(Contact.email == "ceo@example.org")
        ).one()
        assert contact.phone == "+49 231 50-0"
