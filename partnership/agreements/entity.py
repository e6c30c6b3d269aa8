"""Agreements and their parties, described once for every shared feature."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import selectinload

from partnership import models  # noqa: F401  (every mapped class, for the load options below)
from partnership.agreements import queries, services
from partnership.agreements.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from partnership.events.entity import EVENT_COLUMNS, EVENT_FIELDS
from partnership.formatting import format_day
from partnership.imports.values import label as findable_name
from partnership.labels import describe_values, label
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import day_or_fuzzy, iso_day, name_of, topic_names

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
            ("Title", lambda a: a.title),
            ("Signed on", day_or_fuzzy),
            ("Kind", lambda a: a.agreement_kind.value),
            ("Status", lambda a: a.status.value),
            ("Partner city", lambda a: name_of(a.partner_city)),
            ("Parties", lambda a: _parties(a, " | ")),
            ("Signed during", lambda a: findable_name(a.signed_during) if a.signed_during else ""),
            ("Valid until", lambda a: iso_day(a.valid_until)),
            ("Document", lambda a: a.document_url),
            ("Summary", lambda a: a.summary),
            ("Topics", topic_names),
            ("Notes", lambda a: a.notes),
        ),
        csv_load_options=(selectinload(Agreement.signed_during),),
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
