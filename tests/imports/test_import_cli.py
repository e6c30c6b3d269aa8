"""`flask import ENTITY FILE`: the same rules as the page, and an exit status scripts can trust."""

from dataclasses import replace

import pytest

from partnership.imports.kinds import importable
from partnership.partners.models import City, Organisation
from partnership.people.models import Contact
from partnership.records.values import Invalid

from .import_helpers import count, csv_bytes, xlsx_bytes


@pytest.fixture
def write(tmp_path):
    def write(name: str, data: bytes):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def test_a_good_file_is_imported_and_the_command_succeeds(app, runner, demo, write):
    path = write("kontakte.csv", "Name;Stadt\r\nJürgen Weiß;Schytomyr\r\n".encode("cp1252"))
    result = runner.invoke(args=["import", "contacts", path])
    assert result.exit_code == 0, result.output
    assert "1 new, 0 updates, 0 unchanged, 0 rows with errors" in result.output
    assert "1 records written." in result.output
    assert count(app, Contact) == 4


def test_dry_run_tells_what_would_change_and_writes_nothing(app, runner, demo, write):
    path = write("c.csv", csv_bytes([["Name", "Role"], ["Fabian Zeuch", "Head"], ["New One", ""]]))
    result = runner.invoke(args=["import", "contacts", path, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "1 new, 1 update" in result.output
    assert (
        "Row 2 updates “Fabian Zeuch”: Role: Coordinator of the partnership with Zhytomyr → Head"
        in result.output
    )
    assert "Dry run: nothing was written." in result.output
    assert count(app, Contact) == 3


def test_any_error_prints_every_error_exits_1_and_writes_nothing(app, runner, demo, write):
    rows = [["Name", "Website"], ["Good", "https://good.example.org"], ["Bad", "www.bad"]]
    rows.append(["", ""])
    rows.append(["Worse", "mailto:x@y"])
    before = count(app, Organisation)
    result = runner.invoke(args=["import", "organisations", write("o.csv", csv_bytes(rows))])
    assert result.exit_code == 1
    assert "Row 3, column “Website”, value “www.bad”" in result.output
    assert "Row 5, column “Website”, value “mailto:x@y”" in result.output, "numbered as in Excel"
    assert "Nothing was imported" in result.output
    assert "Traceback" not in result.output
    assert count(app, Organisation) == before


def test_an_unreadable_file_exits_1_with_the_reason(app, runner, write):
    result = runner.invoke(args=["import", "press", write("scan.csv", bytes(range(256)) * 10)])
    assert result.exit_code == 1
    assert "not a spreadsheet" in result.output


def test_unknown_entities_and_missing_files_are_usage_errors(runner, write):
    path = write("c.csv", b"Name\r\nX\r\n")
    assert runner.invoke(args=["import", "users", path]).exit_code == 2
    assert runner.invoke(args=["import", "contacts", path + ".missing"]).exit_code == 2


def test_the_delimiter_can_be_forced(app, runner, demo, write):
    path = write("c.csv", b"Name;Role\r\nAnna, Schmidt;Chair, board\r\n")
    detected = runner.invoke(args=["import", "contacts", path, "--dry-run"])
    assert detected.exit_code == 0, detected.output
    forced = runner.invoke(args=["import", "contacts", path, "--delimiter", ",", "--dry-run"])
    assert forced.exit_code == 1
    assert "Found: Name;Role" in forced.output


def test_unknown_references_need_create_missing(app, runner, demo, write):
    path = write("c.xlsx", xlsx_bytes([["Name", "Stadt"], ["Andriy Sadovyi", "Lviv"]]))
    before = count(app, City)
    refused = runner.invoke(args=["import", "contacts", path])
    assert refused.exit_code == 1
    assert "No city is called “Lviv”" in refused.output
    assert count(app, City) == before
    created = runner.invoke(args=["import", "contacts", path, "--create-missing"])
    assert created.exit_code == 0, created.output
    assert "Creates (city): Lviv" in created.output
    assert count(app, City) == before + 1


def test_a_row_the_records_service_refuses_exits_1_and_writes_nothing(
    app, runner, demo, write, monkeypatch
):
    from partnership.imports import commands

    organisations = importable("organisations")

    def save(record, values):
        if values.name == "Bad":
            raise Invalid({"notes": "say less."})
        organisations.save(record, values)

    monkeypatch.setattr(commands, "importable", lambda name: replace(organisations, save=save))
    before = count(app, Organisation)
    path = write("o.csv", csv_bytes([["Name", "Notes"], ["Good", "fine"], ["Bad", "too much"]]))
    result = runner.invoke(args=["import", "organisations", path])
    assert result.exit_code == 1
    assert "Row 3, column “Notes”, value “too much”: say less." in result.output
    assert "Nothing was imported" in result.output
    assert count(app, Organisation) == before
