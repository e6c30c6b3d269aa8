"""The migration that makes budget lines, receipts and participants records keeps their rows,
on a database holding receipts booked on budget lines, and goes down again."""

import pytest
from conftest import make_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from partnership.extensions import db

BEFORE = "cee7ae8b4a4f"
ROWS = [
    "INSERT INTO organisation (id, name, kind, website, notes, search_text, version)"
    " VALUES (1, 'Fund', 'funder', '', '', '', 1)",
    "INSERT INTO funding_grant (id, reference, title, funder_id, currency, notes, search_text,"
    " version) VALUES (1, 'G-1', '', 1, 'EUR', '', '', 1)",
    "INSERT INTO event (id, kind, title, summary, notes, date_tentative, search_text, version)"
    " VALUES (1, 'milestone', 'Meeting', '', '', false, '', 1)",
    "INSERT INTO budget_line (id, grant_id, name, planned_amount)"
    " VALUES (1, 1, 'Travel', 10), (2, 1, 'Catering', 10), (3, 1, 'Rooms', 10)",
    "INSERT INTO cost_item (id, event_id, budget_line_id, payee, purpose, amount, currency,"
    " receipt_number, grant_share, note) VALUES (1, 1, 1, '', '', 5, 'EUR', '', 5, ''),"
    " (2, 1, 2, '', '', 5, 'EUR', '', 5, '')",
    "INSERT INTO participant (id, event_id, name, organisation, city, country_code, role,"
    " origin, signed_list) VALUES (1, 1, 'Iryna', '', '', '', '', 'local', false),"
    " (2, 1, 'Jan', '', '', '', '', 'local', false)",
]


@pytest.fixture
def fresh_app(empty_database):
    app = make_app(empty_database)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def ids(table: str) -> list[int]:
    return list(db.session.scalars(text(f"SELECT id FROM {table} ORDER BY id")))


def test_rows_become_records_and_archived_ones_go_on_the_way_down(fresh_app):
    upgrade(revision=BEFORE)
    for row in ROWS:
        db.session.execute(text(row))
    db.session.commit()

    upgrade()

    for table in ("budget_line", "cost_item", "participant"):
        stored = db.session.execute(text(f"SELECT version, archived_at FROM {table}")).all()
        assert set(stored) == {(1, None)}, table
    # Catering and its receipt were removed; Travel was removed while a receipt still books on
    # it (one restored later, say); a participant was taken off.
    db.session.execute(text("UPDATE budget_line SET archived_at = '2024-01-01' WHERE id < 3"))
    db.session.execute(text("UPDATE cost_item SET archived_at = '2024-01-01' WHERE id = 2"))
    db.session.execute(text("UPDATE participant SET archived_at = '2024-01-01' WHERE id = 1"))
    db.session.commit()

    downgrade(revision=BEFORE)

    assert (ids("budget_line"), ids("cost_item"), ids("participant")) == ([1, 3], [1], [2])
