"""Agreements and their parties, described once for every shared feature."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from partnership import models  # noqa: F401  (every mapped class, for the relations named below)
from partnership.agreements import queries, services
from partnership.agreements.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from partnership.events.entity import EVENT_COLUMNS, EVENT_FIELDS
from partnership.formatting import format_day
from partnership.labels import describe_values, label
from partnership.partners.models import City, Organisation
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import (
    Cell,
    choice,
    dated_named,
    day,
    field,
    fuzzy_date,
    joined,
    live,
    named,
    names_of,
)

describe_values(
    AgreementKind,
    {
        "memorandum of understanding": _l("memorandum of understanding"),
        "cooperation agreement": _l("cooperation agreement"),
        "partnership agreement": _l("partnership agreement"),
        "charter": _l("charter"),
        "other": _l("other"),
    },
)

describe_values(
    AgreementStatus,
    {
        "draft": _l("draft"),
        "signed": _l("signed"),
        "expired": _l("expired"),
        "terminated": _l("terminated"),
    },
)


def _parties(agreement: Agreement, separator: str = ", ") -> str:
    return separator.join(str(party.party) for party in agreement.parties)


def _party_names(model) -> tuple:
    """The parties of the listed agreement, by name, in the order they were given."""
    city, organisation = aliased(City), aliased(Organisation)
    values = (
        select(func.coalesce(city.name, organisation.name).label("value"))
        .select_from(AgreementParty)
        .outerjoin(city, (city.id == AgreementParty.city_id) & and_(*live(city)))
        .outerjoin(
            organisation,
            (organisation.id == AgreementParty.organisation_id) & and_(*live(organisation)),
        )
        .where(AgreementParty.agreement_id == model.id)
        .order_by(AgreementParty.id)
    )
    return (joined(values, model, " | "),)


AGREEMENT = register(
    Entity(
        name="agreements",
        model=Agreement,
        singular=_l("Agreement"),
        plural=_l("Agreements"),
        fields={
            **EVENT_FIELDS,
            "date": _l("Signed on"),
            "agreement_kind": _l("Kind"),
            "status": _l("Status"),
            "party_city_ids": _l("Parties: cities"),
            "party_organisation_ids": _l("Parties: organisations"),
            # How the history names the list of party rows.
            "parties": _l("Parties"),
            "signed_during_id": _l("Signed during"),
            "valid_until": _l("Valid until"),
            "document_url": _l("Document"),
        },
        list_query=queries.agreement_list,
        columns=(
            *EVENT_COLUMNS,
            ListColumn(_l("Kind"), lambda a: label(a.agreement_kind)),
            ListColumn(_l("Parties"), _parties),
            ListColumn(_l("Valid until"), lambda a: format_day(a.valid_until)),
        ),
        values=services.AgreementValues,
        save=services.save_agreement,
        read=services.read_agreement,
        referred=lambda n, **f: ngettext(
            "%(num)d agreement refers to it as %(field)s.",
            "%(num)d agreements refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("record", 20),
        search_hint=_l("title, summary or partner city"),
        # Found through the events of the header search.
        search_detail=None,
        csv_columns=(
            ("Title", field("title")),
            ("Signed on", fuzzy_date()),
            ("Kind", choice("agreement_kind")),
            ("Status", choice("status")),
            ("Partner city", named("partner_city")),
            ("Parties", Cell(_party_names)),
            ("Signed during", dated_named("signed_during")),
            ("Valid until", day("valid_until")),
            ("Document", field("document_url")),
            ("Summary", field("summary")),
            ("Topics", names_of("topics", ", ")),
            ("Notes", field("notes")),
        ),
    )
)

AGREEMENT_PARTY = register(
    Entity(
        name="agreement_parties",
        model=AgreementParty,
        singular=_l("Agreement party"),
        plural=_l("Agreement parties"),
        fields={
            "agreement_id": _l("Agreement"),
            "city_id": _l("City"),
            "organisation_id": _l("Organisation"),
        },
        referred=lambda n, **f: ngettext(
            "%(num)d agreement party refers to it as %(field)s.",
            "%(num)d agreement parties refer to it as %(field)s.",
            n,
            **f,
        ),
    )
)
