"""An event's funding page: link a grant, book receipts, list participants."""

from decimal import Decimal

from pages.helpers import count, find, page
from sqlalchemy import select

from partnership.extensions import db
from partnership.funding.models import CostItem, GrantEvent, Participant, ParticipantOrigin
from partnership.partners.models import City
from partnership.people.models import Contact
from partnership.visits.models import Delegation, DelegationMember, Visit


def funding_url(event_id: int) -> str:
    return f"/events/{event_id}/funding"


def book(client, event_id: int, **fields):
    data = {"cost-currency": "EUR", **{f"cost-{name}": value for name, value in fields.items()}}
    return client.post(f"{funding_url(event_id)}/costs", data=data)


def add_participant(client, event_id: int, **fields):
    data = {"participant-origin": "local"}
    data.update({f"participant-{name}": value for name, value in fields.items()})
    return client.post(f"{funding_url(event_id)}/participants", data=data)


# Receipts --------------------------------------------------------------------------------------


def test_booked_receipt_is_stored_and_listed(editor, app, funded):
    response = book(
        editor,
        funded.visit,
        budget_line_id=funded.travel,
        paid_on="2024-05-02",
        payee="Deutsche Bahn",
        purpose="Tickets Dortmund–Lviv",
        amount="412.80",
        receipt_number="R-17",
        grant_share="400",
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{funding_url(funded.visit)}#costs")
    with app.app_context():
        cost = find(CostItem, receipt_number="R-17")
        assert (cost.amount, cost.grant_share, cost.own_share) == (
            Decimal("412.80"),
            Decimal("400.00"),
            Decimal("12.80"),
        )
        assert cost.budget_line_id == funded.travel
        assert cost.event_id == funded.visit
    shown = page(editor.get(funding_url(funded.visit)))
    assert "Tickets Dortmund–Lviv" in shown.text
    assert "€412.80" in shown.text


def test_empty_grant_share_means_the_grant_pays_all(editor, app, funded):
    assert (
        book(editor, funded.visit, budget_line_id=funded.travel, amount="-35.00").status_code == 302
    )
    with app.app_context():
        cost = db.session.scalars(select(CostItem)).one()
        assert cost.amount == cost.grant_share == Decimal("-35.00")


def test_receipt_without_amount_is_refused_and_keeps_the_input(editor, app, funded):
    response = book(editor, funded.visit, budget_line_id=funded.travel, payee="Hotel Žovtnevyj")
    assert response.status_code == 422
    shown = page(response)
    shown.assert_error("cost-amount", "Enter the amount.")
    assert shown.field("cost-payee").value == "Hotel Žovtnevyj"
    assert shown.field("cost-budget_line_id").value == str(funded.travel)
    with app.app_context():
        assert count(CostItem) == 0


def test_budget_line_of_another_grant_is_refused(editor, app, funded):
    response = book(editor, funded.visit, budget_line_id=funded.other_line, amount="80")
    assert response.status_code == 422
    shown = page(response)
    shown.assert_error("cost-budget_line_id", "a grant that pays for this event")
    assert shown.field("cost-amount").value == "80"
    with app.app_context():
        assert count(CostItem) == 0


def test_grant_share_beyond_the_amount_is_refused(editor, app, funded):
    response = book(
        editor, funded.visit, budget_line_id=funded.travel, amount="100", grant_share="120"
    )
    assert response.status_code == 422
    page(response).assert_error("cost-grant_share", "between 0 and the amount")


def test_receipts_need_a_grant_with_budget_lines(editor, app, funded):
    with app.app_context():
        db.session.delete(db.session.get(GrantEvent, (funded.grant, funded.visit)))
        db.session.commit()
    shown = page(editor.get(funding_url(funded.visit)))
    assert "link this activity to a grant that has budget lines" in shown.text
    assert not any(form.action.endswith("/costs") for form in shown.forms)


def test_removing_a_receipt(editor, app, funded):
    book(editor, funded.visit, budget_line_id=funded.travel, amount="10")
    with app.app_context():
        cost_id = db.session.scalar(select(CostItem.id))
    response = editor.post(f"{funding_url(funded.visit)}/costs/{cost_id}/remove")
    assert response.status_code == 302
    with app.app_context():
        assert count(CostItem) == 0


# Grants ----------------------------------------------------------------------------------------


def test_event_page_links_to_its_funding_page(editor, funded):
    shown = page(editor.get(f"/visits/{funded.visit}"))
    assert shown.links_to(funding_url(funded.visit))
    assert shown.links_to(f"/grants/{funded.grant}")


def test_a_grant_is_linked_from_the_event_side(editor, app, funded):
    response = editor.post(
        f"{funding_url(funded.visit)}/grants",
        data={
            "grant-grant_id": funded.other_grant,
            "grant-amount": "150",
            "grant-note": "catering",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        link = db.session.get(GrantEvent, (funded.other_grant, funded.visit))
        assert (link.amount, link.note) == (Decimal("150.00"), "catering")
    again = editor.post(
        f"{funding_url(funded.visit)}/grants", data={"grant-grant_id": funded.other_grant}
    )
    assert again.status_code == 422
    page(again).assert_error("grant-grant_id", "linked to this event already")
    # Now the other grant's lines are offered for receipts too.
    assert (
        book(editor, funded.visit, budget_line_id=funded.other_line, amount="9").status_code == 302
    )


# Participants ----------------------------------------------------------------------------------


def test_participants_are_counted_per_country(editor, app, funded):
    for name, country in (("Iryna", "UA"), ("Oksana", "ua"), ("Jan", "PL"), ("Lea", "")):
        response = add_participant(editor, funded.visit, name=name, country_code=country)
        assert response.status_code == 302
    with app.app_context():
        assert find(Participant, name="Oksana").country_code == "UA"
    shown = page(editor.get(funding_url(funded.visit)))
    assert shown.texts_by_id["participant-counts"] == (
        "4 participants: Ukraine 2, Poland 1, country unknown 1"
    )


def test_participant_from_a_contact_takes_the_contacts_city(editor, app, funded):
    with app.app_context():
        lviv = db.session.scalars(select(City).where(City.name == "Lviv")).one()
        contact = Contact(name="Андрій Садовий", city=lviv)
        db.session.add(contact)
        db.session.commit()
        contact_id = contact.id
    response = add_participant(
        editor, funded.visit, contact_id=contact_id, origin="international", signed_list="y"
    )
    assert response.status_code == 302
    with app.app_context():
        participant = find(Participant, contact_id=contact_id)
        assert (participant.city, participant.country_code) == ("Lviv", "UA")
        assert participant.origin is ParticipantOrigin.INTERNATIONAL
        assert participant.signed_list is True
        assert participant.display_name == "Андрій Садовий"
    again = add_participant(editor, funded.visit, contact_id=contact_id)
    assert again.status_code == 422
    page(again).assert_error("participant-contact_id", "takes part already")


def test_participant_needs_a_contact_or_a_name(editor, app, funded):
    response = add_participant(editor, funded.visit, organisation="Jugendring", country_code="XX")
    assert response.status_code == 422
    shown = page(response)
    shown.assert_error("participant-country_code", "ISO 3166")
    assert shown.field("participant-organisation").value == "Jugendring"
    response = add_participant(editor, funded.visit, organisation="Jugendring", country_code="PL")
    assert response.status_code == 422
    page(response).assert_error("participant-name", "Choose a contact or type a name.")
    with app.app_context():
        assert count(Participant) == 0


def test_signing_the_list_is_ticked_and_unticked(editor, app, funded):
    add_participant(editor, funded.visit, name="Iryna")
    with app.app_context():
        participant_id = db.session.scalar(select(Participant.id))
    url = f"{funding_url(funded.visit)}/participants/{participant_id}/signed"
    editor.post(url)
    with app.app_context():
        assert db.session.get(Participant, participant_id).signed_list is True
    editor.post(url)
    with app.app_context():
        assert db.session.get(Participant, participant_id).signed_list is False


def test_delegation_members_are_proposed_and_added_in_one_click(editor, app, funded):
    with app.app_context():
        lviv = db.session.scalars(select(City).where(City.name == "Lviv")).one()
        head = Contact(name="Halyna Head", city=lviv)
        member = Contact(name="Mykola Member")
        delegation = Delegation(name="Lviv youth council", origin_city=lviv, head=head)
        delegation.members = [
            DelegationMember(contact=head, role="Head"),
            DelegationMember(contact=member, role="Interpreter"),
        ]
        db.session.get(Visit, funded.visit).delegation = delegation
        db.session.commit()
    shown = page(editor.get(funding_url(funded.visit)))
    assert "Halyna Head, Mykola Member" in shown.text
    assert any(f.action.endswith("/participants/delegation") for f in shown.forms)
    response = editor.post(f"{funding_url(funded.visit)}/participants/delegation")
    assert response.status_code == 302
    editor.post(f"{funding_url(funded.visit)}/participants/delegation")  # twice adds nothing
    with app.app_context():
        people = db.session.scalars(select(Participant).order_by(Participant.id)).all()
        assert [(p.display_name, p.role, p.country_code, p.origin) for p in people] == [
            ("Halyna Head", "Head", "UA", ParticipantOrigin.INTERNATIONAL),
            ("Mykola Member", "Interpreter", "UA", ParticipantOrigin.INTERNATIONAL),
        ]
    assert (
        "From the delegation, not yet listed"
        not in page(editor.get(funding_url(funded.visit))).text
    )


# Who may do what -------------------------------------------------------------------------------


def test_viewer_reads_the_funding_page_but_cannot_add(viewer, app, funded):
    shown = page(viewer.get(funding_url(funded.visit)))
    assert "Receipts" in shown.text
    assert not [form for form in shown.forms if form.method == "post" and "/events/" in form.action]
    assert book(viewer, funded.visit, budget_line_id=funded.travel, amount="5").status_code == 403
    assert add_participant(viewer, funded.visit, name="Intruder").status_code == 403
    assert viewer.post(f"{funding_url(funded.visit)}/participants/delegation").status_code == 403
    with app.app_context():
        assert count(CostItem) == 0
        assert count(Participant) == 0
