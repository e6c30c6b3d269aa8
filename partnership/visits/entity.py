"""Delegations, their members, visits and their programmes, described once for every shared
feature."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from partnership.events.entity import EVENT_COLUMNS, EVENT_FIELDS
from partnership.labels import describe_values, label
from partnership.people.models import Contact
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import Cell, field, joined, live, named
from partnership.visits import queries, services
from partnership.visits.importing import VISIT_IMPORT
from partnership.visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    ProgrammeItem,
    Visit,
    VisitStatus,
)

describe_values(
    Direction,
    {
        "incoming": _l("incoming"),
        "outgoing": _l("outgoing"),
    },
)

describe_values(
    VisitStatus,
    {
        "planned": _l("planned"),
        "confirmed": _l("confirmed"),
        "done": _l("done"),
        "cancelled": _l("cancelled"),
    },
)


def _known_size(model) -> tuple:
    """The stated size, or the number of known members when none was stated."""
    members = select(func.count()).where(DelegationMember.delegation_id == model.id)
    return (func.coalesce(model.size, members.scalar_subquery()),)


def _member_names(model) -> tuple:
    values = (
        select(Contact.name.label("value"))
        .select_from(DelegationMember)
        .join(Contact, Contact.id == DelegationMember.contact_id)
        .where(DelegationMember.delegation_id == model.id, *live(Contact))
        .order_by(DelegationMember.id)
    )
    return (joined(values, model, ", "),)


DELEGATION = register(
    Entity(
        name="delegations",
        model=Delegation,
        singular=_l("Delegation"),
        plural=_l("Delegations"),
        fields={
            "name": _l("Name"),
            "origin_city_id": _l("Origin city"),
            "origin_organisation_id": _l("Origin organisation"),
            "head_id": _l("Head"),
            "size": _l("Number of people"),
            "notes": _l("Notes"),
            # How the history names the list of member rows.
            "members": _l("Members"),
        },
        list_query=queries.delegation_list,
        columns=(
            ListColumn(_l("From"), lambda d: d.origin_city or d.origin_organisation or ""),
            ListColumn(_l("Head"), lambda d: d.head or ""),
            ListColumn(_l("People"), lambda d: d.known_size or ""),
        ),
        values=services.DelegationValues,
        save=services.save_delegation,
        read=services.read_delegation,
        referred=lambda n, **f: ngettext(
            "%(num)d delegation refers to it as %(field)s.",
            "%(num)d delegations refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("people", 20),
        search_hint=_l("name or city of origin"),
        # Found by name in the header search; the name says enough.
        search_detail=lambda d: "",
        csv_columns=(
            ("Name", field("name")),
            ("From city", named("origin_city")),
            ("From organisation", named("origin_organisation")),
            ("Head", named("head")),
            ("People", Cell(_known_size, lambda size: size or "")),
            ("Members", Cell(_member_names)),
            ("Notes", field("notes")),
        ),
        personal=True,
    )
)

DELEGATION_MEMBER = register(
    Entity(
        name="delegation_members",
        model=DelegationMember,
        singular=_l("Delegation member"),
        plural=_l("Delegation members"),
        fields={
            "delegation_id": _l("Delegation"),
            "contact_id": _l("Contact"),
            "new_contact_name": _l("New person's name"),
            "role": _l("Role in the delegation"),
        },
        values=services.MemberValues,
        read=services.read_member,
        referred=lambda n, **f: ngettext(
            "%(num)d delegation membership refers to it as %(field)s.",
            "%(num)d delegation memberships refer to it as %(field)s.",
            n,
            **f,
        ),
        personal=True,
    )
)

VISIT = register(
    Entity(
        name="visits",
        model=Visit,
        singular=_l("Visit"),
        plural=_l("Visits"),
        fields={
            **EVENT_FIELDS,
            "date": _l("Dates"),
            "direction": _l("Direction"),
            "host_city_id": _l("Host city"),
            "delegation_id": _l("Delegation"),
            "occasion": _l("Occasion"),
            "status": _l("Status"),
            "first_official": _l("First official visit"),
            "programme": _l("Programme"),
        },
        list_query=queries.visit_list,
        columns=(
            *EVENT_COLUMNS,
            ListColumn(_l("Direction"), lambda v: label(v.direction)),
            ListColumn(_l("Host city"), lambda v: v.host_city or ""),
            ListColumn(_l("Status"), lambda v: label(v.status)),
        ),
        values=services.VisitValues,
        save=services.save_visit,
        read=services.read_visit,
        referred=lambda n, **f: ngettext(
            "%(num)d visit refers to it as %(field)s.",
            "%(num)d visits refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("record", 10),
        search_hint=_l("title, summary or partner city"),
        # Found through the events of the header search.
        search_detail=None,
        importer=VISIT_IMPORT,
    )
)

PROGRAMME_ITEM = register(
    Entity(
        name="programme_items",
        model=ProgrammeItem,
        singular=_l("Programme item"),
        plural=_l("Programme items"),
        fields={
            "visit_id": _l("Visit"),
            "position": _l("Position"),
            "description": _l("Programme item"),
        },
        referred=lambda n, **f: ngettext(
            "%(num)d programme item refers to it as %(field)s.",
            "%(num)d programme items refer to it as %(field)s.",
            n,
            **f,
        ),
    )
)
