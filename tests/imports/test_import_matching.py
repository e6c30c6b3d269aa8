"""Rows matched to saved records, references found by name, and every error located exactly."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from partnership.events.models import Topic
from partnership.extensions import db
from partnership.imports.columns import ImportFileError
from partnership.imports.kinds import importable
from partnership.imports.readers import read_table
from partnership.imports.services import ImportRefused, apply_plan, plan_import
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.records.values import Invalid
from partnership.visits.models import Direction, Visit, VisitStatus

from .import_helpers import csv_bytes


@pytest.fixture
def story(app_ctx, demo):
    return app_ctx


def plan(entity: str, rows: list[list], create_missing: bool = False):
    return plan_import(importable(entity), read_table(csv_bytes(rows)), create_missing)


def statuses(result) -> list[str]:
    return [row.status for row in result.rows]


def total(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_contact_is_matched_by_email_whatever_its_case(story):
    db.session.add(Contact(name="Anna Schmidt", email="anna@example.org", phone="1"))
    db.session.commit()
    result = plan(
        "contacts", [["Name", "Email", "Phone"], ["Anna Schmidt", "ANNA@example.org", "2"]]
    )
    row = result.rows[0]
    assert row.status == "update"
    assert row.record.name == "Anna Schmidt"
    assert [(c.column.name, c.old, c.new) for c in row.changes] == [
        ("Email", "anna@example.org", "ANNA@example.org"),
        ("Phone", "1", "2"),
    ]


def test_a_contact_saved_without_email_is_found_by_name_and_gets_the_address(story):
    result = plan("contacts", [["Name", "E-Mail"], ["Fabian Zeuch", "fz@example.org"]])
    assert statuses(result) == ["update"]
    apply_plan(result)
    db.session.commit()
    zeuch = db.session.scalars(select(Contact).where(Contact.name == "Fabian Zeuch")).one()
    assert zeuch.email == "fz@example.org"
    assert total(Contact) == 3


def test_two_contacts_of_one_name_are_told_apart_only_by_email(story):
    db.session.add_all([Contact(name="Olena Koval"), Contact(name="Olena Koval")])
    db.session.commit()
    result = plan("contacts", [["Name"], ["Olena Koval"]])
    assert statuses(result) == ["error"]
    assert "2 contacts are called “Olena Koval”" in result.errors[0].message


def test_a_city_is_found_under_any_of_its_names(story):
    result = plan(
        "contacts",
        [
            ["Name", "Stadt"],
            ["A", "Schytomyr"],
            ["B", "житомир"],
            ["C", "ZYTOMIERZ"],
            ["D", "Zhytomyr"],
        ],
    )
    assert result.ok
    assert {row.values["City"].name for row in result.rows} == {"Zhytomyr"}


def test_an_organisation_is_matched_by_name_and_a_german_kind_is_understood(story):
    result = plan(
        "organisations",
        [
            ["Organisation", "Art", "Stadt"],
            ["zhytomyr volunteer headquarter", "Verein", "Schytomyr"],
        ],
    )
    row = result.rows[0]
    assert row.status == "update"
    assert [c.column.name for c in row.changes] == ["Name"], "only the spelling differs"
    assert row.record.kind == OrganisationKind.NGO


def test_a_visit_is_matched_by_title_and_date(story):
    result = plan(
        "visits",
        [
            ["Titel", "Datum", "Richtung", "Status", "Partnerstadt"],
            ["First visit from Dortmund to Zhytomyr", "06/2023", "ausgehend", "durchgeführt", ""],
            ["First visit from Dortmund to Zhytomyr", "Juni 2099", "ausgehend", "", "Schytomyr"],
        ],
    )
    # Empty partner city on the first row: the saved visit has one, so that is a change.
    assert statuses(result) == ["update", "new"]
    assert [c.column.name for c in result.rows[0].changes] == ["Partner city"]
    new = result.rows[1].values
    assert new["Host city"].name == "Zhytomyr", "outgoing: the partner city hosts"
    assert new["Status"] == VisitStatus.PLANNED


def test_a_new_visit_takes_its_direction_from_the_host_city_and_status_from_the_date(story):
    result = plan(
        "visits",
        [
            ["Title", "Date", "Host city", "Partner city"],
            ["Mayor of Zhytomyr in Dortmund", "2.–3. Mai 2022", "Dortmund", "Schytomyr"],
            ["Youth choir tour", "voraussichtlich Q4 2099", "Schytomyr", "Zhytomyr"],
        ],
    )
    assert result.ok, [str(e) for e in result.errors]
    incoming, outgoing = (row.values for row in result.rows)
    assert (incoming["Direction"], incoming["Status"]) == (Direction.INCOMING, VisitStatus.DONE)
    assert (outgoing["Direction"], outgoing["Status"]) == (Direction.OUTGOING, VisitStatus.PLANNED)
    apply_plan(result)
    db.session.commit()
    saved = db.session.scalars(select(Visit).where(Visit.title == "Youth choir tour")).one()
    assert saved.host_city.name == "Zhytomyr"
    assert saved.date.tentative and str(saved.date.precision) == "quarter"


def test_an_article_is_matched_by_web_address_else_by_title(story):
    result = plan(
        "press",
        [
            ["Title", "URL", "Outlet"],
            ["Another headline", "https://www.dortmund.de/newsroom/", "Stadt Dortmund – Newsroom"],
            ["Delegation aus Schytomyr besucht Dortmund", "", "Stadt Dortmund – Newsroom"],
        ],
    )
    # The same article twice in one file is refused, whichever way it was matched.
    assert statuses(result) == ["update", "error"]
    assert "same record as row 2" in result.errors[0].message


def test_press_links_name_events_by_title_with_their_date_when_needed(story):
    result = plan(
        "press",
        [
            ["Title", "Published on", "Events"],
            [
                "Zhytomyr guests at the DiWoDo",
                "29.09.2023",
                "Delegation from Zhytomyr visits Dortmund | First visit from Dortmund to Zhytomyr "
                "(June 2023)",
            ],
        ],
    )
    assert result.ok, [str(e) for e in result.errors]
    apply_plan(result)
    db.session.commit()
    article = db.session.scalars(
        select(PressArticle).where(PressArticle.title == "Zhytomyr guests at the DiWoDo")
    ).one()
    assert sorted(e.title for e in article.events) == [
        "Delegation from Zhytomyr visits Dortmund",
        "First visit from Dortmund to Zhytomyr",
    ]
    assert article.published_on.isoformat() == "2023-09-29"


def test_an_unknown_reference_is_an_error_naming_row_column_and_value(story):
    cities = total(City)
    result = plan("contacts", [["Name", "City"], ["Andriy Sadovyi", "Lviv"]])
    assert not result.ok
    error = result.errors[0]
    assert (error.row, error.column, error.value) == (2, "City", "Lviv")
    assert "No city is called “Lviv”" in error.message and "create missing" in error.message
    assert "Row 2, column “City”, value “Lviv”" in str(error)
    assert total(City) == cities


def test_create_missing_makes_each_missing_record_once(story):
    result = plan(
        "visits",
        [
            ["Title", "Date", "Host city", "Delegation", "Topics"],
            ["Visit to Lviv", "2024", "Lviv", "Dortmund delegation 2024", "Culture, Rebuilding"],
            ["Second visit to Lviv", "2025", "lviv", "Dortmund delegation 2024", "rebuilding"],
        ],
        create_missing=True,
    )
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == {
        "city": ["Lviv"],
        "delegation": ["Dortmund delegation 2024"],
        "topic": ["Rebuilding"],
    }
    cities, topics = total(City), total(Topic)
    apply_plan(result)
    db.session.commit()
    assert (total(City), total(Topic)) == (cities + 1, topics + 1)
    lviv = db.session.scalars(select(City).where(City.name == "Lviv")).one()
    assert [n.name for n in lviv.names] == ["Lviv"], "the new city is found by its name later"


def test_an_event_cannot_be_created_from_a_name(story):
    result = plan(
        "exchanges",
        [["Title", "Expected date", "Direction", "Agreed in"], ["Choir", "2025", "in", "Charter"]],
        create_missing=True,
    )
    messages = {error.column: error.message for error in result.errors}
    assert "No agreement is called “Charter”." == messages["Agreed in"]
    assert "incoming, outgoing" in messages["Direction"]


def test_every_problem_of_a_row_is_reported_with_what_to_write_instead(story):
    result = plan(
        "exchanges",
        [
            ["Title", "Expected date", "Expected participants", "Status"],
            ["", "Sommer 2024", "about twelve", "vielleicht"],
        ],
    )
    errors = {error.column: error for error in result.errors}
    assert set(errors) == {"Title", "Expected date", "Expected participants", "Status"}
    assert "must not be empty" in errors["Title"].message
    assert "too vague" in errors["Expected date"].message
    assert errors["Expected date"].value == "Sommer 2024"
    assert "whole number" in errors["Expected participants"].message
    assert "idea, planned, confirmed, realised, cancelled" in errors["Status"].message


def test_a_realised_exchange_gets_that_status_as_on_its_form(story):
    result = plan(
        "exchanges",
        [
            ["Title", "Expected date", "Direction", "Status", "Took place as"],
            [
                "Youth visit",
                "2024",
                "incoming",
                "planned",
                "Delegation from Zhytomyr visits Dortmund",
            ],
        ],
    )
    assert str(result.rows[0].values["Status"]) == "realised"


def test_cells_in_columns_without_a_name_are_refused(story):
    result = plan("organisations", [["Name", "Kind"], ["Verein X", "NGO", "stray value"]])
    assert result.errors[0].column == "column 3"
    assert result.errors[0].value == "stray value"


def test_a_new_organisation_gets_kind_other_and_an_existing_one_keeps_its_kind(story):
    result = plan("organisations", [["Name", "Kind"], ["New club", ""], ["City of Dortmund", ""]])
    assert statuses(result) == ["new", "unchanged"]
    assert result.rows[0].values["Kind"] == OrganisationKind.OTHER


@pytest.mark.parametrize(
    "header, message",
    [
        (["Vorname", "Nachname"], "“Name” is missing"),
        (["Name", "E-Mail", "Email"], "both mean “Email”"),
    ],
)
def test_a_file_with_the_wrong_columns_is_refused_whole(story, header, message):
    with pytest.raises(ImportFileError, match=message):
        plan("contacts", [header, ["x"] * len(header)])


def test_a_plan_is_not_applied_while_any_row_has_an_error(story):
    result = plan("organisations", [["Name", "Website"], ["Good", ""], ["Bad", "ftp://x"]])
    assert statuses(result) == ["new", "error"]
    with pytest.raises(ValueError):
        apply_plan(result)
    assert (
        db.session.scalars(select(Organisation).where(Organisation.name == "Good")).first() is None
    )


def refusing(entity_name: str, field: str, message: str, refused_name: str):
    """The entity, with a service that refuses one record by its name as a rule would."""
    entity = importable(entity_name)

    def save(record, values):
        if values.name == refused_name:
            raise Invalid({field: message})
        entity.save(record, values)

    return replace(entity, save=save)


def test_every_row_is_written_by_the_records_own_service_and_its_refusals_are_row_errors(story):
    rows = [["Name", "Website"], ["Good", "https://good.example.org"]]
    rows += [["Bad", "https://bad.example.org"], ["City of Dortmund", "https://dortmund.de"]]
    entity = refusing("organisations", "website", "is not a site we may name.", "Bad")
    result = plan_import(entity, read_table(csv_bytes(rows)))
    assert statuses(result) == ["new", "new", "update"]
    with pytest.raises(ImportRefused):
        apply_plan(result)
    db.session.rollback()
    assert statuses(result) == ["new", "error", "update"]
    assert [str(error) for error in result.errors] == [
        "Row 3, column “Website”, value “https://bad.example.org”: is not a site we may name."
    ]
    names = db.session.scalars(select(Organisation.name)).all()
    assert "Good" not in names and "Bad" not in names
    dortmund = db.session.scalars(select(Organisation).filter_by(name="City of Dortmund")).one()
    assert dortmund.website != "https://dortmund.de"


def test_a_refusal_of_a_field_without_a_column_names_the_field(story):
    entity = refusing("contacts", "organisation_id", "is gone.", "Anna")
    result = plan_import(entity, read_table(csv_bytes([["Name"], ["Anna"]])))
    with pytest.raises(ImportRefused):
        apply_plan(result)
    db.session.rollback()
    assert (result.errors[0].row, result.errors[0].column) == (2, "Organisation")
