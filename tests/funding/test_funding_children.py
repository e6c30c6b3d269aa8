"""Budget lines, grant links, receipts and participants: removed into the archive, restored
from it, left out of every total while archived, and never reached through another parent."""

import pytest
from pages.archive_helpers import admin_client, in_archive, restore
from pages.helpers import count, page, show
from sqlalchemy import select

from partnership.events.models import Milestone, MilestoneKind
from partnership.extensions import db
from partnership.funding.models import BudgetLine, CostItem, GrantEvent, Participant
from partnership.fuzzydate import parse_fuzzy_date
from partnership.history.models import Change
from partnership.people.models import Contact

from .reports import add_receipt, table
from .test_event_receipts_participants import add_participant, book, funding_url
from .test_grant_budget_page import budget_rows


def actions(app, kind: str, record_id: int) -> list[str]:
    with app.app_context():
        query = (
            select(Change.action)
            .where(Change.entity == kind, Change.entity_id == record_id)
            .order_by(Change.id)
        )
        return list(db.session.scalars(query))


def only_id(app, model) -> int:
    with app.app_context():
        return db.session.scalars(select(model.id)).one()


@pytest.fixture
def other_event(app) -> int:
    with app.app_context():
        milestone = Milestone(
            title="Council thanks the youth council",
            milestone_kind=MilestoneKind.COUNCIL_DECISION,
            date=parse_fuzzy_date("2024"),
        )
        db.session.add(milestone)
        db.session.commit()
        return milestone.id


# Budget lines ----------------------------------------------------------------------------------


def test_a_removed_budget_line_is_archived_and_can_be_restored(editor, app, funded):
    url = f"/grants/{funded.grant}/budget-lines/{funded.interpreting}/remove"
    response = editor.post(url)

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/grants/{funded.grant}#budget")
    assert "Interpreting €500.00" not in budget_rows(show(editor, "grants", funded.grant))
    assert in_archive(app, "BudgetLine", funded.interpreting)
    assert actions(app, "BudgetLine", funded.interpreting) == ["create", "archive"]
    assert editor.post(url).status_code == 404, "an archived line is gone"

    restore(app, "BudgetLine", funded.interpreting)
    assert "Interpreting €500.00" in budget_rows(show(editor, "grants", funded.grant))
    assert actions(app, "BudgetLine", funded.interpreting)[-1] == "restore"


def test_a_budget_line_added_again_after_removal_comes_back(editor, app, funded):
    editor.post(f"/grants/{funded.grant}/budget-lines/{funded.interpreting}/remove")

    response = editor.post(
        f"/grants/{funded.grant}/budget-lines",
        data={"line-name": "interpreting", "line-planned_amount": "80"},
    )

    assert response.status_code == 302
    with app.app_context():
        line = db.session.get(BudgetLine, funded.interpreting)
        assert (line.name, str(line.planned_amount), line.is_archived) == (
            "interpreting",
            "80.00",
            False,
        )
        assert count(BudgetLine) == 3
    assert not in_archive(app, "BudgetLine", funded.interpreting)


# Receipts --------------------------------------------------------------------------------------


def test_a_removed_receipt_leaves_the_totals_and_the_report(editor, app, funded):
    book(editor, funded.visit, budget_line_id=funded.travel, amount="100", receipt_number="R-1")
    book(editor, funded.visit, budget_line_id=funded.travel, amount="50", receipt_number="R-2")
    with app.app_context():
        second = db.session.scalar(select(CostItem.id).where(CostItem.receipt_number == "R-2"))

    assert editor.post(f"{funding_url(funded.visit)}/costs/{second}/remove").status_code == 302

    assert "Travel €1,000.00 €100.00 €100.00 €900.00 10 % 1" in budget_rows(
        show(editor, "grants", funded.grant)
    )
    assert [row["receipt number"] for row in table(editor, "costs", grant=funded.grant)] == ["R-1"]
    budget = table(editor, "budget", grant=funded.grant)
    assert [row["spent"] for row in budget if row["budget line"] == "Travel"] == ["100.00"]
    assert "R-2" not in page(editor.get(funding_url(funded.visit))).text
    assert "1 receipt" in page(editor.get(f"/visits/{funded.visit}")).text
    assert in_archive(app, "CostItem", second)
    assert "R-2 · 50.00 EUR" in admin_client(app).get("/archive/").text
    assert actions(app, "CostItem", second) == ["create", "archive"]

    restore(app, "CostItem", second)
    assert "Travel €1,000.00 €150.00" in budget_rows(show(editor, "grants", funded.grant))


def test_a_budget_line_whose_receipts_are_archived_can_go(editor, app, funded):
    cost = add_receipt(app, funded.visit, funded.travel, "10")
    editor.post(f"{funding_url(funded.visit)}/costs/{cost}/remove")

    response = editor.post(f"/grants/{funded.grant}/budget-lines/{funded.travel}/remove")

    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(BudgetLine, funded.travel) is None


# Participants ----------------------------------------------------------------------------------


def test_a_removed_participant_leaves_the_counts_and_the_report(editor, app, funded):
    add_participant(editor, funded.visit, name="Iryna", country_code="UA")
    add_participant(editor, funded.visit, name="Jan", country_code="PL")
    with app.app_context():
        jan = db.session.scalar(select(Participant.id).where(Participant.name == "Jan"))

    url = f"{funding_url(funded.visit)}/participants/{jan}/remove"
    assert editor.post(url).status_code == 302

    shown = page(editor.get(funding_url(funded.visit)))
    assert shown.texts_by_id["participant-counts"] == "1 participant: Ukraine 1"
    assert [row["name"] for row in table(editor, "participants", grant=funded.grant)] == ["Iryna"]
    assert "1 participant" in page(editor.get(f"/visits/{funded.visit}")).text
    assert in_archive(app, "Participant", jan)

    restore(app, "Participant", jan)
    shown = page(editor.get(funding_url(funded.visit)))
    assert shown.texts_by_id["participant-counts"] == "2 participants: Poland 1, Ukraine 1"


def test_a_contact_taken_off_and_on_again_stays_one_participant(editor, app, funded):
    with app.app_context():
        contact = Contact(name="Oksana Bondar")
        db.session.add(contact)
        db.session.commit()
        contact_id = contact.id
    add_participant(editor, funded.visit, contact_id=contact_id)
    participant = only_id(app, Participant)
    editor.post(f"{funding_url(funded.visit)}/participants/{participant}/remove")

    again = add_participant(editor, funded.visit, contact_id=contact_id, role="Interpreter")

    assert again.status_code == 302
    assert only_id(app, Participant) == participant
    with app.app_context():
        assert db.session.get(Participant, participant).role == "Interpreter"
    assert actions(app, "Participant", participant) == ["create", "archive", "restore"]


# Grant links -----------------------------------------------------------------------------------


def test_a_grant_is_unlinked_from_the_event_side_and_both_remember_it(editor, app, funded):
    shown = page(editor.get(funding_url(funded.visit)))
    unlink = f"{funding_url(funded.visit)}/grants/{funded.grant}/unlink"
    assert any(form.action == unlink for form in shown.forms)

    assert editor.post(unlink).status_code == 302

    with app.app_context():
        assert count(GrantEvent) == 0
        for kind, record_id in (("Grant", funded.grant), ("Visit", funded.visit)):
            newest = db.session.scalars(
                select(Change)
                .where(Change.entity == kind, Change.entity_id == record_id)
                .order_by(Change.id.desc())
            ).first()
            assert newest is not None and newest.action == "update", kind
    assert not show(editor, "grants", funded.grant).links_to(f"/visits/{funded.visit}")


# Another parent --------------------------------------------------------------------------------


def test_a_child_of_another_parent_is_not_found(editor, app, funded, other_event):
    cost = add_receipt(app, funded.visit, funded.travel, "10")
    add_participant(editor, funded.visit, name="Iryna")
    participant = only_id(app, Participant)
    elsewhere = funding_url(other_event)

    for url in (
        f"/grants/{funded.grant}/budget-lines/{funded.other_line}/remove",
        f"/grants/{funded.other_grant}/budget-lines/{funded.travel}/remove",
        f"/grants/{funded.other_grant}/events/{funded.visit}/unlink",
        f"{elsewhere}/grants/{funded.grant}/unlink",
        f"{elsewhere}/costs/{cost}/remove",
        f"{elsewhere}/participants/{participant}/remove",
        f"{elsewhere}/participants/{participant}/signed",
    ):
        assert editor.post(url).status_code == 404, url

    with app.app_context():
        assert (count(BudgetLine), count(CostItem), count(Participant), count(GrantEvent)) == (
            3,
            1,
            1,
            1,
        )
        assert db.session.get(Participant, participant).signed_list is False


def test_erasing_a_person_clears_their_removed_participations_from_the_history(editor, app, funded):
    with app.app_context():
        contact = Contact(name="Жанна Ковальчук")
        db.session.add(contact)
        db.session.commit()
        contact_id = contact.id
    add_participant(editor, funded.visit, contact_id=contact_id, role="Speaker", city="Lutsk")
    participant = only_id(app, Participant)
    editor.post(f"{funding_url(funded.visit)}/participants/{participant}/remove")

    assert admin_client(app).post(f"/contacts/{contact_id}/erase").status_code == 302

    with app.app_context():
        entries = db.session.scalars(
            select(Change).where(Change.entity == "Participant", Change.entity_id == participant)
        ).all()
        assert len(entries) == 2
        for entry in entries:
            assert entry.label == f"Erased person {contact_id}"
            assert "Жанна" not in str(entry.changes)
            assert "Speaker" not in str(entry.changes) and "Lutsk" not in str(entry.changes)
