"""A grant's page: its dates and rates, its budget lines, and spending against the plan."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from pages.helpers import count, find, make_funder, make_grant, page, show

from partnership.extensions import db
from partnership.funding.models import BudgetLine, Grant

from .reports import add_receipt


def budget_rows(shown) -> str:
    return shown.text.split("Budget and spending", 1)[1]


def test_grant_form_keeps_decision_rate_and_report_date(editor, app):
    funder = make_funder(editor)
    grant_id = make_grant(
        editor,
        funder,
        reference="SKEW-2024-12",
        decision_date="2024-02-01",
        cofinancing_rate="90",
        report_due="2025-06-30",
    )
    with app.app_context():
        grant = find(Grant, id=grant_id)
        assert grant.decision_date == date(2024, 2, 1)
        assert grant.cofinancing_rate == Decimal("90.00")
        assert grant.report_due == date(2025, 6, 30)
    shown = show(editor, "grants", grant_id)
    assert "1 February 2024" in shown.text
    assert "90 %" in shown.text
    assert "30 June 2025" in shown.text


def test_spending_per_budget_line_against_the_plan(editor, app, funded):
    add_receipt(app, funded.visit, funded.travel, "412.80", "400.00")
    add_receipt(app, funded.visit, funded.travel, "-12.80", "-12.80")
    add_receipt(app, funded.visit, funded.interpreting, "650.00", "600.00")
    add_receipt(app, funded.visit, funded.interpreting, "1000.00", currency="UAH")
    text = budget_rows(show(editor, "grants", funded.grant))
    # line: planned, spent, from the grant, remaining, % used, receipts
    assert "Travel €1,000.00 €400.00 €387.20 €600.00 40 % 2" in text
    assert "Interpreting €500.00 €650.00 €600.00 -€150.00 over plan 130 % 1" in text
    assert "Interpreting (UAH) UAH1,000.00 UAH1,000.00 1" in text
    assert "Total €1,500.00 €1,050.00 €987.20 €450.00 70 % 3" in text
    assert "Total (UAH) UAH1,000.00 UAH1,000.00 1" in text


def test_budget_line_is_added(editor, app, funded):
    response = editor.post(
        f"/grants/{funded.grant}/budget-lines",
        data={"line-name": "Übersetzung", "line-planned_amount": "250.5"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert find(BudgetLine, name="Übersetzung").planned_amount == Decimal("250.50")
    assert "Übersetzung €250.50" in budget_rows(show(editor, "grants", funded.grant))


@pytest.mark.parametrize(
    ("planned", "message"),
    [("-10", "The planned amount cannot be negative."), ("", "Enter the planned amount.")],
)
def test_bad_planned_amount_is_refused_and_keeps_the_input(editor, app, funded, planned, message):
    response = editor.post(
        f"/grants/{funded.grant}/budget-lines",
        data={"line-name": "Catering", "line-planned_amount": planned},
    )
    assert response.status_code == 422
    shown = page(response)
    shown.assert_error("line-planned_amount", message)
    assert shown.field("line-name").value == "Catering"
    assert shown.field("line-planned_amount").value == planned
    with app.app_context():
        assert count(BudgetLine) == 3


def test_duplicate_budget_line_is_refused(editor, funded):
    response = editor.post(
        f"/grants/{funded.grant}/budget-lines",
        data={"line-name": "travel", "line-planned_amount": "5"},
    )
    assert response.status_code == 422
    page(response).assert_error("line-name", "already")


def test_a_budget_line_with_receipts_stays(editor, app, funded):
    add_receipt(app, funded.visit, funded.travel, "10")
    kept = editor.post(f"/grants/{funded.grant}/budget-lines/{funded.travel}/remove")
    gone = editor.post(f"/grants/{funded.grant}/budget-lines/{funded.interpreting}/remove")
    assert kept.status_code == gone.status_code == 302
    with app.app_context():
        assert [line.name for line in find(Grant, id=funded.grant).budget_lines] == ["Travel"]
    assert "Receipts are booked on “Travel”; it stays." in page(editor.get("/grants/")).text


def test_a_grant_with_receipts_cannot_be_deleted(editor, app, funded):
    add_receipt(app, funded.visit, funded.travel, "10")
    response = editor.post(f"/grants/{funded.grant}/delete")
    assert response.status_code == 409
    assert "1 receipt is booked on its budget lines." in page(response).text
    with app.app_context():
        assert find(Grant, id=funded.grant) is not None


@pytest.mark.parametrize(
    ("days", "badge"),
    [
        (45, None),
        (30, "due in 30 days"),
        (1, "due in 1 day"),
        (0, "due today"),
        (-3, "overdue by 3 days"),
    ],
)
def test_report_due_date_is_highlighted_when_close(editor, app, funded, days, badge):
    with app.app_context():
        find(Grant, id=funded.grant).report_due = date.today() + timedelta(days=days)
        db.session.commit()
    due = show(editor, "grants", funded.grant).texts_by_id["report-due"]
    if badge is None:
        assert "due" not in due.split(" ", 3)[-1]
    else:
        assert due.endswith(badge)


def test_viewer_sees_the_budget_but_cannot_change_it(viewer, app, funded):
    shown = show(viewer, "grants", funded.grant)
    assert "Travel" in budget_rows(shown)
    assert not any("budget-lines" in form.action for form in shown.forms)
    response = viewer.post(
        f"/grants/{funded.grant}/budget-lines",
        data={"line-name": "Sneaky", "line-planned_amount": "1"},
    )
    assert response.status_code == 403
    assert (
        viewer.post(f"/grants/{funded.grant}/budget-lines/{funded.travel}/remove").status_code
        == 403
    )
    with app.app_context():
        assert count(BudgetLine) == 3


def test_funder_page_lists_its_grants_and_offers_their_report(viewer, app, funded):
    with app.app_context():
        funder_id = find(Grant, id=funded.grant).funder_id
    shown = show(viewer, "organisations", funder_id)
    assert shown.links_to(f"/grants/{funded.grant}")
    assert shown.links_to(f"/grants/{funded.other_grant}")
    assert shown.links_to(f"/reports/funding?funder={funder_id}")
