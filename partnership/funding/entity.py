"""Funding programmes and grants, and the records kept inside them, described once.

Budget lines and grant links live on a grant's page, receipts and participants on an event's
funding page: they have no pages of their own, but history, archive and the delete check read
their descriptions like any other.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from partnership.events.models import Event
from partnership.formatting import format_amount, format_day
from partnership.funding import event_services, queries, services
from partnership.funding.models import (
    AgeGroup,
    BudgetLine,
    CostItem,
    Gender,
    Grant,
    GrantEvent,
    Participant,
    ParticipantOrigin,
    Programme,
)
from partnership.labels import describe_values
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import (
    RECORD,
    Cell,
    amount,
    day,
    event_labels,
    field,
    joined,
    live,
    name_of,
    named,
    packed_event,
)

describe_values(
    ParticipantOrigin,
    {
        "local": _l("local"),
        "international": _l("invited from abroad"),
    },
)
describe_values(
    Gender,
    {
        "female": _l("female"),
        "male": _l("male"),
        "diverse": _l("diverse"),
        "not stated": _l("not stated"),
    },
)
describe_values(
    AgeGroup,
    {
        "under 18": _l("under 18"),
        "18 to 30": _l("18 to 30"),
        "31 to 64": _l("31 to 64"),
        "65 and over": _l("65 and over"),
    },
)


def _funded_events(model) -> tuple:
    """The events the listed grant funds, each named by its title and date as an import finds
    it again; an archived event keeps its link for a restore, but is not named."""
    values = (
        select(packed_event(Event).label("value"))
        .select_from(GrantEvent)
        .join(Event, Event.id == GrantEvent.event_id)
        .where(GrantEvent.grant_id == model.id, *live(Event))
        .order_by(GrantEvent.event_id)
    )
    return (joined(values, model, RECORD),)


PROGRAMME = register(
    Entity(
        name="programmes",
        model=Programme,
        singular=_l("Funding programme"),
        plural=_l("Funding programmes"),
        fields={
            "name": _l("Name"),
            "funder_id": _l("Funder"),
            "rule_set": _l("Rule set"),
            "notes": _l("Notes"),
        },
        list_query=queries.programme_list,
        columns=(ListColumn(_l("Funder"), lambda p: p.funder),),
        values=services.ProgrammeValues,
        save=services.save_programme,
        read=services.read_programme,
        referred=lambda n, **f: ngettext(
            "%(num)d funding programme refers to it as %(field)s.",
            "%(num)d funding programmes refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("funding", 20),
        search_hint=_l("name"),
        csv_columns=(
            ("Name", field("name")),
            ("Funder", named("funder")),
            ("Notes", field("notes")),
        ),
    )
)

GRANT = register(
    Entity(
        name="grants",
        model=Grant,
        singular=_l("Grant"),
        plural=_l("Grants"),
        fields={
            "reference": _l("Reference"),
            "title": _l("Title"),
            "funder_id": _l("Funder"),
            "programme_id": _l("Programme"),
            "decision_date": _l("Decision date"),
            "amount": _l("Amount"),
            "currency": _l("Currency"),
            "cofinancing_rate": _l("Co-financing rate (%)"),
            "period_start": _l("Period from"),
            "period_end": _l("Period to"),
            "report_due": _l("Report due on"),
            "notes": _l("Notes"),
            "funded_events": _l("Funded activities"),
            "budget_lines": _l("Budget lines"),
        },
        list_query=queries.grant_list,
        columns=(
            ListColumn(_l("Funder"), lambda g: g.funder),
            ListColumn(_l("Amount"), lambda g: format_amount(g.amount, g.currency)),
            ListColumn(_l("Report due"), lambda g: format_day(g.report_due)),
        ),
        values=services.GrantValues,
        save=services.save_grant,
        read=services.read_grant,
        referred=lambda n, **f: ngettext(
            "%(num)d grant refers to it as %(field)s.",
            "%(num)d grants refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("funding", 10),
        search_hint=_l("reference or title"),
        search_detail=lambda g: name_of(g.funder),
        csv_columns=(
            ("Reference", field("reference")),
            ("Title", field("title")),
            ("Funder", named("funder")),
            ("Programme", named("programme")),
            ("Amount", amount("amount")),
            ("Currency", field("currency")),
            ("Period from", day("period_start")),
            ("Period to", day("period_end")),
            ("Funded events", Cell(_funded_events, lambda text: event_labels(text, " | "))),
            ("Notes", field("notes")),
        ),
    )
)

BUDGET_LINE = register(
    Entity(
        name="budget_lines",
        model=BudgetLine,
        singular=_l("Budget line"),
        plural=_l("Budget lines"),
        fields={
            "grant_id": _l("Grant"),
            "name": _l("Budget line"),
            "planned_amount": _l("Planned amount"),
        },
        values=services.BudgetLineValues,
        save=services.save_budget_line,
        read=services.read_budget_line,
        referred=lambda n, **f: ngettext(
            "%(num)d budget line refers to it as %(field)s.",
            "%(num)d budget lines refer to it as %(field)s.",
            n,
            **f,
        ),
    )
)

GRANT_EVENT = register(
    Entity(
        name="grant_events",
        model=GrantEvent,
        singular=_l("Grant link"),
        plural=_l("Grant links"),
        fields={
            "grant_id": _l("Grant"),
            "event_id": _l("Event"),
            "share_percent": _l("Share paid by the grant (%)"),
            "amount": _l("Amount"),
            "note": _l("Note"),
        },
        values=services.GrantEventValues,
        save=services.save_grant_event,
        read=services.read_grant_event,
        referred=lambda n, **f: ngettext(
            "%(num)d grant link refers to it as %(field)s.",
            "%(num)d grant links refer to it as %(field)s.",
            n,
            **f,
        ),
    )
)

COST_ITEM = register(
    Entity(
        name="cost_items",
        model=CostItem,
        singular=_l("Receipt"),
        plural=_l("Receipts"),
        fields={
            "event_id": _l("Event"),
            "budget_line_id": _l("Budget line"),
            "paid_on": _l("Date paid"),
            "payee": _l("Payee"),
            "purpose": _l("Purpose"),
            "amount": _l("Amount"),
            "currency": _l("Currency"),
            "receipt_number": _l("Receipt number"),
            "grant_share": _l("Paid from the grant"),
            "note": _l("Note"),
        },
        values=event_services.CostItemValues,
        save=event_services.save_cost_item,
        read=event_services.read_cost_item,
        referred=lambda n, **f: ngettext(
            "%(num)d receipt refers to it as %(field)s.",
            "%(num)d receipts refer to it as %(field)s.",
            n,
            **f,
        ),
    )
)

PARTICIPANT = register(
    Entity(
        name="participants",
        model=Participant,
        singular=_l("Participant"),
        plural=_l("Participants"),
        fields={
            "event_id": _l("Event"),
            "contact_id": _l("Contact"),
            "name": _l("Name"),
            "organisation": _l("Organisation"),
            "city": _l("City"),
            "country_code": _l("Country"),
            "role": _l("Role"),
            "origin": _l("Taking part as"),
            "signed_list": _l("Signed the participant list"),
            "gender": _l("Gender"),
            "age_group": _l("Age group"),
            "sending_city_id": _l("Sending city"),
            "days": _l("Days attended"),
        },
        values=event_services.ParticipantValues,
        save=event_services.save_participant,
        read=event_services.read_participant,
        referred=lambda n, **f: ngettext(
            "%(num)d participant refers to it as %(field)s.",
            "%(num)d participants refer to it as %(field)s.",
            n,
            **f,
        ),
        personal=True,
    )
)
