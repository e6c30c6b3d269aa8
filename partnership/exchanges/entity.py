"""Planned exchanges, described once for every shared feature."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import selectinload

from partnership.events.entity import EVENT_COLUMNS, EVENT_FIELDS
from partnership.events.queries import event_list
from partnership.exchanges import queries, services
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.imports import matching
from partnership.imports.columns import Column
from partnership.imports.rules import constant, needed
from partnership.imports.schemas import (
    NOTES,
    NOTES_LENGTH,
    PARTNER_CITY,
    SUMMARY,
    TITLE,
    TOPICS,
    ImportSpec,
)
from partnership.imports.values import Choice, Count, Ref, Refs, Text, When
from partnership.imports.words import DIRECTION_WORDS, EXCHANGE_KIND_WORDS, EXCHANGE_STATUS_WORDS
from partnership.labels import describe_values, label
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.visits.models import Direction

describe_values(
    ExchangeKind,
    {
        "youth exchange": _l("youth exchange"),
        "school exchange": _l("school exchange"),
        "study trip": _l("study trip"),
        "expert exchange": _l("expert exchange"),
        "cultural exchange": _l("cultural exchange"),
        "other": _l("other"),
    },
)

describe_values(
    ExchangeStatus,
    {
        "idea": _l("idea"),
        "planned": _l("planned"),
        "confirmed": _l("confirmed"),
        "realised": _l("realised"),
        "cancelled": _l("cancelled"),
    },
)


def status_cell(exchange: PlannedExchange) -> str:
    """The status as the list shows it; a plan whose date has passed says it is overdue."""
    if queries.is_overdue(exchange, date.today()):
        return _("%(status)s, overdue", status=label(exchange.status))
    return label(exchange.status)


def realised_exchange(cells: dict) -> None:
    """Show the status an exchange is saved with once it names its visit (see `status_of`)."""
    if cells.get("Took place as") is not None:
        cells["Status"] = services.status_of(cells.get("Status"), cells["Took place as"])


EXCHANGE_IMPORT = ImportSpec(
    index=matching.ExchangeIndex,
    load_options=(
        selectinload(PlannedExchange.partner_city),
        selectinload(PlannedExchange.topics),
        selectinload(PlannedExchange.origin_agreement),
        selectinload(PlannedExchange.realised_visit),
    ),
    finish=realised_exchange,
    columns=(
        Column("Title", Text(300), "title", (*TITLE, "Austausch", "Exchange"), True),
        Column(
            "Expected date",
            When(),
            "date",
            ("Date", "Datum", "Erwartetes Datum", "Voraussichtliches Datum", "Termin"),
            True,
        ),
        Column(
            "What",
            Choice(ExchangeKind, EXCHANGE_KIND_WORDS),
            "exchange_kind",
            ("What is planned", "Kind", "Art", "Was", "Typ"),
            default=constant(ExchangeKind.OTHER),
        ),
        Column(
            "Direction",
            Choice(Direction, DIRECTION_WORDS),
            "direction",
            ("Richtung",),
            default=needed,
        ),
        Column("Partner city", Ref("city"), "partner_city_id", PARTNER_CITY),
        Column(
            "Expected participants",
            Count(1, 100_000),
            "expected_participants",
            ("Participants", "Teilnehmende", "Teilnehmer", "Erwartete Teilnehmende", "Anzahl"),
        ),
        Column(
            "Status",
            Choice(ExchangeStatus, EXCHANGE_STATUS_WORDS),
            "status",
            default=constant(ExchangeStatus.PLANNED),
        ),
        Column(
            "Agreed in",
            Ref("agreement"),
            "origin_agreement_id",
            ("Vereinbart in", "Agreement"),
        ),
        Column(
            "Took place as",
            Ref("visit"),
            "realised_visit_id",
            ("Realised as", "Stattgefunden als", "Visit", "Besuch"),
        ),
        Column("Summary", Text(500), "summary", SUMMARY),
        Column("Topics", Refs("topic", ",", ", "), "topic_ids", TOPICS),
        Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
    ),
)

EXCHANGE = register(
    Entity(
        name="exchanges",
        model=PlannedExchange,
        singular=_l("Planned exchange"),
        plural=_l("Planned exchanges"),
        fields={
            **EVENT_FIELDS,
            "date": _l("Expected date"),
            "exchange_kind": _l("What is planned"),
            "direction": _l("Direction"),
            "expected_participants": _l("Expected participants"),
            "status": _l("Status"),
            "origin_agreement_id": _l("Origin agreement"),
            "realised_visit_id": _l("Realised visit"),
        },
        list_query=event_list(PlannedExchange),
        columns=(
            *EVENT_COLUMNS,
            ListColumn(_l("What"), lambda x: label(x.exchange_kind)),
            ListColumn(_l("Direction"), lambda x: label(x.direction)),
            ListColumn(_l("Status"), status_cell),
        ),
        values=services.ExchangeValues,
        save=services.save_exchange,
        read=services.read_exchange,
        referred=lambda n, **f: ngettext(
            "%(num)d planned exchange refers to it as %(field)s.",
            "%(num)d planned exchanges refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("record", 30),
        search_hint=_l("title, summary or partner city"),
        # Found through the events of the header search.
        search_detail=None,
        importer=EXCHANGE_IMPORT,
    )
)
