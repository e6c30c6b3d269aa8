"""`flask export funding`: the same files as the report page, as a zip or in a folder."""

from datetime import date

import pytest

from .reports import REPORT_FILES, add_receipt, download, rows_of, zip_members

NOTE = 'Rechnung "Hotel Україна"\nzweite Zeile'


@pytest.fixture
def receipts(app, funded):
    add_receipt(app, funded.visit, funded.travel, "412.80", "400", paid_on=date(2024, 5, 2))
    add_receipt(app, funded.visit, funded.interpreting, "-20", paid_on=date(2024, 5, 9), note=NOTE)
    add_receipt(app, funded.visit, funded.travel, "5", paid_on=date(2025, 1, 3))
    return funded


def export(runner, *args):
    return runner.invoke(
        args=["export", "funding", "--grant", "EU-TT-7", "--from", "2024", "--to", "Q4 2024", *args]
    )


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_cli_zip_equals_the_pages_files(runner, viewer, receipts, tmp_path, delimiter):
    target = tmp_path / "report.zip"
    result = export(runner, "--delimiter", delimiter, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in result.output
    members = zip_members(target.read_bytes())
    assert list(members) == REPORT_FILES
    args = {"grant": receipts.grant, "from": "2024", "to": "Q4 2024", "delimiter": delimiter}
    for name, data in members.items():
        assert data == download(viewer, name, **args).get_data(), name
    costs = rows_of(members["costs.csv"].decode("utf-8"), delimiter)
    assert [cost["note"] for cost in costs] == ["", NOTE]


def test_cli_writes_a_folder_of_csv_files(runner, viewer, receipts, tmp_path):
    folder = tmp_path / "verwendungsnachweis"
    result = export(runner, "--output", str(folder))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == sorted(REPORT_FILES)
    args = {"grant": receipts.grant, "from": "2024", "to": "Q4 2024"}
    for name in REPORT_FILES:
        assert (folder / name).read_bytes() == download(viewer, name, **args).get_data(), name


def test_cli_names_the_zip_after_grant_and_period(runner, receipts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = export(runner)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "funding-EU-TT-7-2024-01-01_2024-12-31.zip").is_file()


def test_cli_dates_as_shown_in_german(runner, receipts, tmp_path):
    result = export(runner, "--language", "de", "--output", str(tmp_path))
    assert result.exit_code == 0, result.output
    (activity,) = rows_of((tmp_path / "activities.csv").read_text(encoding="utf-8"))
    assert activity["date"] == "10.–14. Mai 2024"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--grant", "NOPE", "--from", "2024", "--to", "2024"], "No grant has the reference"),
        (["--grant", "EU-TT-7", "--from", "2024", "--to", "2023"], "cannot end before it starts"),
        (["--grant", "EU-TT-7", "--from", "Sommer 2024", "--to", "2024"], "too vague"),
    ],
)
def test_cli_refuses_bad_input(runner, receipts, tmp_path, args, message):
    result = runner.invoke(args=["export", "funding", *args, "--output", str(tmp_path / "out.zip")])
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "out.zip").exists()
