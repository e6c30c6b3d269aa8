"""Every download and export holding personal data is in the audit log, with file and filter."""

import pytest
from conftest import USERS
from sqlalchemy import select

from partnership.audit.models import AuditAction
from partnership.auth.models import Role
from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.people.models import Contact

EXPORT = AuditAction.EXPORT


@pytest.mark.parametrize("area", ["contacts", "delegations", "partnerships"])
def test_lists_naming_people_are_recorded_with_their_filter(app, viewer, entries, area):
    response = viewer.get(f"/{area}/export.csv?q=Kyiv&delimiter=%3B")
    assert response.status_code == 200
    # Written before the first byte of the file leaves.
    [entry] = entries(EXPORT)
    response.close()
    assert entry.detail == f"{area}.csv; filter: q=Kyiv&delimiter=;"
    assert entry.path.startswith(f"/{area}/export.csv?q=Kyiv")
    assert entry.actor == USERS[Role.VIEWER]
    assert entry.status == 200


@pytest.mark.parametrize(
    "url",
    [
        "/cities/export.csv",
        "/organisations/export.csv",
        "/topics/export.csv",
        "/timeline/timeline.csv",
        "/timeline/timeline.ics",
        "/imports/templates/contacts.csv",
    ],
)
def test_downloads_without_personal_data_are_not_recorded(viewer, editor, entries, url):
    client = editor if url.startswith("/imports") else viewer
    with client.get(url) as response:
        assert response.status_code == 200
        response.get_data()
    assert entries(EXPORT) == []


def test_the_person_data_export_is_recorded(app, demo, viewer, entries):
    with app.app_context():
        contact = db.session.scalars(select(Contact.id)).first()
    with viewer.get(f"/contacts/{contact}/data.json") as response:
        assert response.status_code == 200
    [entry] = entries(EXPORT)
    assert entry.detail == f"person-{contact}.json; filter: -"


@pytest.mark.parametrize(
    ("table", "recorded"),
    [
        ("participants.csv", True),
        ("costs.csv", True),
        ("report.zip", True),
        ("activities.csv", False),
        ("budget.csv", False),
    ],
)
def test_funding_report_files_naming_people_are_recorded(
    app, demo, viewer, entries, table, recorded
):
    with app.app_context():
        grant = db.session.scalars(select(Grant.id).order_by(Grant.id)).first()
    with viewer.get(f"/reports/funding/{table}?grant={grant}&from=2023") as response:
        assert response.status_code == 200
        response.get_data()
    found = [e.detail for e in entries(EXPORT)]
    assert found == ([f"{table}; filter: grant={grant}&from=2023"] if recorded else [])


def test_the_audit_csv_is_itself_recorded(admin, entries):
    with admin.get("/audit/audit.csv?action=login") as response:
        assert response.status_code == 200
        response.get_data()
    [entry] = entries(EXPORT)
    assert entry.detail == "audit.csv; filter: action=login"


def test_a_backup_is_recorded_as_done_on_the_command_line(runner, entries, tmp_path):
    target = tmp_path / "copy.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    [entry] = entries(AuditAction.BACKUP)
    assert entry.actor == "command line"
    assert entry.detail == f"written to {target.resolve()}"
    assert entry.user_id is None and entry.address == ""


def test_a_failed_backup_is_not_recorded(runner, entries, tmp_path):
    target = tmp_path / "taken.backup"
    target.write_text("precious")
    assert runner.invoke(args=["backup", str(target)]).exit_code != 0
    assert entries(AuditAction.BACKUP) == []


def test_the_funding_export_command_is_recorded(app, demo, runner, entries, tmp_path):
    with app.app_context():
        reference = db.session.scalars(select(Grant.reference).order_by(Grant.id)).first()
    target = tmp_path / "report.zip"
    result = runner.invoke(
        args=[
            "export",
            "funding",
            "--grant",
            reference,
            "--from",
            "2020",
            "--to",
            "2030",
            "--output",
            str(target),
        ]
    )
    assert result.exit_code == 0, result.output
    [entry] = entries(EXPORT)
    assert entry.actor == "command line"
    assert entry.detail == f"{target.resolve()}; grant {reference}, 2020 to 2030"


def test_a_database_restore_is_recorded_in_the_restored_database(runner, entries, tmp_path):
    target = tmp_path / "copy.backup"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    [entry] = entries(AuditAction.RESTORED)
    assert entry.actor == "command line"
    assert entry.detail == f"database replaced from the backup {target.resolve()}"
    # The backup's own entry was written after the copy was taken, so the restore dropped it.
    assert entries(AuditAction.BACKUP) == []
