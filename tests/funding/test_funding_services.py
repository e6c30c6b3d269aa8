"""The funding services refuse what breaks a rule, whoever calls them: page, import or API."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from partnership.extensions import db
from partnership.funding import event_services, services
from partnership.funding.entity import BUDGET_LINE, COST_ITEM, GRANT, PARTICIPANT, PROGRAMME
from partnership.funding.models import BudgetLine, Grant, Programme
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.people.models import Contact
from partnership.records.entity import entity_of_table
from partnership.records.values import Invalid


@pytest.fixture
def ctx(app, funded):
    with app.test_request_context():
        yield funded


def refusal(call, *args) -> dict:
    with pytest.raises(Invalid) as refused:
        call(*args)
    db.session.rollback()
    return refused.value.errors


def grant_values(ctx, **changes) -> services.GrantValues:
    funder = db.session.get(Grant, ctx.grant).funder_id
    return services.GrantValues(**{"reference": "NEW-1", "funder_id": funder, **changes})


def test_a_grant_period_ends_after_it_starts(ctx):
    values = grant_values(ctx, period_start=date(2024, 6, 1), period_end=date(2024, 1, 31))
    assert refusal(services.save_grant, Grant(), values) == {
        "period_end": "The period cannot end before it starts."
    }


def test_a_grant_programme_belongs_to_its_funder(ctx):
    other = Organisation(name="Another fund", kind=OrganisationKind.FUNDER)
    programme = Programme(name="Other programme", funder=other)
    db.session.add(programme)
    db.session.flush()
    errors = refusal(services.save_grant, Grant(), grant_values(ctx, programme_id=programme.id))
    assert errors == {"programme_id": "This programme belongs to another funder."}


def test_a_grant_and_a_programme_need_a_funder(ctx):
    ngo = Organisation(name="Youth club", kind=OrganisationKind.NGO)
    db.session.add(ngo)
    db.session.flush()
    assert "funder_id" in refusal(services.save_grant, Grant(), grant_values(ctx, funder_id=ngo.id))
    values = services.ProgrammeValues(name="Small fund", funder_id=None)
    assert "funder_id" in refusal(services.save_programme, Programme(), values)


def test_a_grant_keeps_its_currency_in_capitals(ctx):
    grant = Grant()
    services.save_grant(grant, grant_values(ctx, currency=" uah ", cofinancing_rate=Decimal(90)))
    assert (grant.currency, grant.cofinancing_rate) == ("UAH", Decimal(90))
    assert "cofinancing_rate" in refusal(
        services.save_grant, Grant(), grant_values(ctx, cofinancing_rate=Decimal(101))
    )


def test_budget_line_names_are_unique_within_a_grant(ctx):
    values = services.BudgetLineValues(
        name=" TRAVEL ", planned_amount=Decimal(5), grant_id=ctx.grant
    )
    assert refusal(services.add_budget_line, values) == {
        "name": "This grant has a budget line of that name already."
    }
    elsewhere = services.add_budget_line(
        services.BudgetLineValues(
            name="Travel", planned_amount=Decimal(5), grant_id=ctx.other_grant
        )
    )
    assert elsewhere.name == "Travel"
    line = db.session.get(BudgetLine, ctx.travel)
    services.save_budget_line(line, services.read_budget_line(line))


def test_a_grant_and_an_event_are_linked_once(ctx):
    values = services.GrantEventValues(grant_id=ctx.grant, event_id=ctx.visit)
    assert set(refusal(services.link_grant_event, values)) == {"grant_id", "event_id"}
    too_much = services.GrantEventValues(
        grant_id=ctx.other_grant, event_id=ctx.visit, share_percent=Decimal(150)
    )
    assert set(refusal(services.link_grant_event, too_much)) == {"share_percent"}


def test_a_receipt_is_booked_on_a_line_of_a_grant_paying_for_the_event(ctx):
    def receipt(**changes):
        fields = {"budget_line_id": ctx.travel, "amount": Decimal(100), "event_id": ctx.visit}
        return event_services.CostItemValues(**{**fields, **changes})

    assert refusal(event_services.add_cost_item, receipt(budget_line_id=ctx.other_line)) == {
        "budget_line_id": "Choose a budget line of a grant that pays for this event."
    }
    assert set(refusal(event_services.add_cost_item, receipt(grant_share=Decimal(-1)))) == {
        "grant_share"
    }
    refund = event_services.add_cost_item(receipt(amount=Decimal(-20), currency="eur"))
    assert (refund.grant_share, refund.currency) == (Decimal(-20), "EUR")


def test_a_participant_is_a_contact_or_a_name(ctx):
    contact = Contact(name="Iryna", city=db.session.scalars(select(City)).first())
    db.session.add(contact)
    db.session.commit()
    both = event_services.ParticipantValues(
        event_id=ctx.visit, contact_id=contact.id, name="Iryna", country_code="XX"
    )
    assert refusal(event_services.add_participant, both) == {
        "name": "Choose a contact or type a name, not both.",
        "country_code": "Enter the two-letter ISO 3166 code, e.g. DE or UA.",
    }
    added = event_services.add_participant(
        event_services.ParticipantValues(event_id=ctx.visit, contact_id=contact.id)
    )
    assert added.country_code == contact.city.country_code
    again = event_services.ParticipantValues(event_id=ctx.visit, contact_id=contact.id)
    assert refusal(event_services.add_participant, again) == {
        "contact_id": "This person takes part already."
    }


def test_the_descriptions_keep_the_grant_list_download_and_the_delete_sentences(app):
    assert [name for name, _ in GRANT.csv_columns] == [
        "Reference",
        "Title",
        "Funder",
        "Programme",
        "Amount",
        "Currency",
        "Period from",
        "Period to",
        "Funded events",
        "Notes",
    ]
    assert [name for name, _ in PROGRAMME.csv_columns] == ["Name", "Funder", "Notes"]
    for child in (BUDGET_LINE, COST_ITEM, PARTICIPANT):
        assert child.list_query is None and child.nav is None
        assert child.values is not None and child.save is not None and child.read is not None
    with app.test_request_context():
        assert entity_of_table("grant_event").referred(2, field="event") == (
            "2 grant links refer to it as event."
        )
        assert entity_of_table("cost_item").referred(1, field="budget line") == (
            "1 receipt refers to it as budget line."
        )
