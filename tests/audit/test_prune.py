"""Entries older than AUDIT_RETENTION_DAYS go: by `flask audit prune`, and after a login."""

from conftest import make_app

from partnership.auth.models import Role
from partnership.extensions import db

from .conftest import add_entries, all_entries, logged_in


def details(app) -> set[str]:
    return {e.detail for e in all_entries(app) if e.detail.startswith("aged")}


def test_the_prune_command_deletes_old_entries_and_keeps_new_ones(app, runner):
    add_entries(
        app,
        {"detail": "aged 400 days", "days_ago": 400},
        {"detail": "aged 366 days", "days_ago": 366},
        {"detail": "aged 364 days", "days_ago": 364},
        {"detail": "aged 1 day", "days_ago": 1},
    )
    result = runner.invoke(args=["audit", "prune"])
    assert result.exit_code == 0, result.output
    assert "Deleted 2 audit entries older than 365 days." in result.output
    assert details(app) == {"aged 364 days", "aged 1 day"}


def test_the_retention_period_comes_from_the_configuration(database_path):
    app = make_app(database_path, AUDIT_RETENTION_DAYS=30)
    try:
        add_entries(
            app,
            {"detail": "aged 31 days", "days_ago": 31},
            {"detail": "aged 29 days", "days_ago": 29},
        )
        result = app.test_cli_runner().invoke(args=["audit", "prune"])
        assert result.exit_code == 0, result.output
        assert details(app) == {"aged 29 days"}
    finally:
        with app.app_context():
            db.engine.dispose()


def test_a_login_prunes_once_the_oldest_entry_is_a_day_overdue(app):
    add_entries(
        app,
        {"detail": "aged 367 days", "days_ago": 367},
        {"detail": "aged 365.5 days", "days_ago": 365.5},
        {"detail": "aged 2 days", "days_ago": 2},
    )
    logged_in(app, Role.VIEWER)
    assert details(app) == {"aged 2 days"}


def test_a_login_leaves_entries_less_than_a_day_overdue_for_later(app):
    # Pruning at most about once a day: a few hours past the period is not yet worth a delete.
    add_entries(
        app,
        {"detail": "aged 365.5 days", "days_ago": 365.5},
        {"detail": "aged 2 days", "days_ago": 2},
    )
    logged_in(app, Role.VIEWER)
    assert details(app) == {"aged 365.5 days", "aged 2 days"}
    add_entries(app, {"detail": "aged 366.5 days", "days_ago": 366.5})
    logged_in(app, Role.EDITOR)
    assert details(app) == {"aged 2 days"}


def test_opening_pages_does_not_prune(app):
    browser = logged_in(app, Role.VIEWER)
    add_entries(app, {"detail": "aged 400 days", "days_ago": 400})
    assert browser.get("/cities/").status_code == 200
    assert details(app) == {"aged 400 days"}
