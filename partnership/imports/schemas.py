"""The columns of each importable entity, in the order exports and templates write them.

Headers are matched in English or German and without regard to case, spaces or hyphens;
values of a choice column may be typed with the English value or a usual German word.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.imports import matching
from partnership.imports.columns import Column
from partnership.imports.values import (
    CellError,
    Choice,
    Count,
    Day,
    Email,
    Flag,
    Lines,
    Ref,
    Refs,
    Text,
    WebAddress,
    When,
)
from partnership.partners.models import Organisation, OrganisationKind
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Direction, Visit, VisitStatus
from partnership.visits.services import set_programme

TITLE = ("Titel", "Bezeichnung", "Name")
CITY = ("Stadt", "Ort", "Town")
PARTNER_CITY = ("Partnerstadt", "Partner")
SUMMARY = ("Zusammenfassung", "Kurzbeschreibung", "Beschreibung", "Description")
TOPICS = ("Themen", "Thema", "Topic", "Schwerpunkte")
NOTES = ("Notizen", "Bemerkungen", "Bemerkung", "Anmerkungen", "Kommentar", "Comments", "Note")
NOTES_LENGTH = 10_000

DIRECTION_WORDS = {
    "eingehend": "incoming",
    "ankommend": "incoming",
    "zu gast bei uns": "incoming",
    "ausgehend": "outgoing",
    "abgehend": "outgoing",
    "reise": "outgoing",
}
ORGANISATION_WORDS = {
    "stadtverwaltung": "city administration",
    "verwaltung": "city administration",
    "amt": "city department",
    "fachbereich": "city department",
    "dezernat": "city department",
    "verein": "NGO",
    "nro": "NGO",
    "ngo": "NGO",
    "unternehmen": "company",
    "firma": "company",
    "forderer": "funder",
    "geldgeber": "funder",
    "fordermittelgeber": "funder",
    "schule": "school",
    "universitat": "university",
    "hochschule": "university",
    "medien": "media",
    "presse": "media",
    "sonstige": "other",
    "andere": "other",
}
VISIT_STATUS_WORDS = {
    "geplant": "planned",
    "bestatigt": "confirmed",
    "durchgefuhrt": "done",
    "erledigt": "done",
    "stattgefunden": "done",
    "abgesagt": "cancelled",
    "canceled": "cancelled",
}
EXCHANGE_KIND_WORDS = {
    "jugendaustausch": "youth exchange",
    "jugendbegegnung": "youth exchange",
    "schuleraustausch": "school exchange",
    "schulaustausch": "school exchange",
    "studienreise": "study trip",
    "fachaustausch": "expert exchange",
    "expertenaustausch": "expert exchange",
    "kulturaustausch": "cultural exchange",
    "sonstiges": "other",
}
EXCHANGE_STATUS_WORDS = {
    "idee": "idea",
    "geplant": "planned",
    "bestatigt": "confirmed",
    "realisiert": "realised",
    "stattgefunden": "realised",
    "realized": "realised",
    "abgesagt": "cancelled",
    "canceled": "cancelled",
}


@dataclass(frozen=True)
class EntitySchema:
    """What an import of one entity reads, how it finds existing records, and its own rules."""

    name: str
    singular: str
    plural: str
    model: type
    columns: tuple[Column, ...]
    index: type[matching.Index]
    load_options: tuple = ()
    finish: Callable[[dict], None] = field(default=lambda values: None)

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def constant(value):
    return lambda values, refs: value


def needed(values, refs):
    raise CellError(_("is needed for a new record."))


def host_from_direction(values, refs):
    """Guests come to the home city; when we travel, we are hosted by the partner city."""
    direction = values.get("Direction")
    host = refs.home_city() if direction is Direction.INCOMING else None
    if direction is Direction.OUTGOING:
        host = values.get("Partner city")
    if host is None or not hasattr(host, "is_home"):
        raise CellError(_("is needed: give the host city, or the direction and partner city."))
    return host


def direction_from_host(values, refs):
    host = values.get("Host city")
    if not hasattr(host, "is_home"):
        raise CellError(_("is needed: write incoming or outgoing."))
    return Direction.INCOMING if host.is_home else Direction.OUTGOING


def status_from_date(values, refs):
    when = values.get("Date")
    return VisitStatus.DONE if when and when.end < date.today() else VisitStatus.PLANNED


def realised_exchange(values: dict) -> None:
    """An exchange that took place as a visit is realised, as on the exchange form."""
    if values.get("Took place as") is not None:
        values["Status"] = ExchangeStatus.REALISED


def _programme(visit) -> tuple[str, ...]:
    return tuple(item.description for item in visit.programme)


def _set_programme(visit, lines) -> None:
    set_programme(visit, "\n".join(lines))


CONTACTS = EntitySchema(
    name="contacts",
    singular=_l("Contact"),
    plural=_l("Contacts"),
    model=Contact,
    index=matching.ContactIndex,
    load_options=(selectinload(Contact.organisation), selectinload(Contact.city)),
    columns=(
        Column("Name", Text(200), "name", ("Full name", "Person", "Vollständiger Name"), True),
        Column(
            "Role",
            Text(300),
            "role_title",
            ("Role or title", "Title", "Titel", "Funktion", "Rolle", "Position", "Amt"),
        ),
        Column("Organisation", Ref("organisation"), "organisation", ("Organization",)),
        Column("City", Ref("city"), "city", CITY),
        Column("Email", Email(), "email", ("E-Mail-Adresse", "Email address", "Mail")),
        Column("Phone", Text(50), "phone", ("Telefon", "Tel", "Telephone", "Telefonnummer")),
        Column("Languages", Text(100), "languages", ("Sprachen", "Sprache", "Language")),
        Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
    ),
)

ORGANISATIONS = EntitySchema(
    name="organisations",
    singular=_l("Organisation"),
    plural=_l("Organisations"),
    model=Organisation,
    index=matching.NameIndex,
    load_options=(selectinload(Organisation.city),),
    columns=(
        Column("Name", Text(300), "name", ("Organisation", "Organization", "Bezeichnung"), True),
        Column(
            "Kind",
            Choice(OrganisationKind, ORGANISATION_WORDS),
            "kind",
            ("Type", "Art", "Typ"),
            default=constant(OrganisationKind.OTHER),
        ),
        Column("City", Ref("city"), "city", CITY),
        Column("Website", WebAddress(), "website", ("Webseite", "Internetseite", "Homepage")),
        Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
    ),
)

VISITS = EntitySchema(
    name="visits",
    singular=_l("Visit"),
    plural=_l("Visits"),
    model=Visit,
    index=matching.EventIndex,
    load_options=(
        selectinload(Visit.partner_city),
        selectinload(Visit.host_city),
        selectinload(Visit.delegation),
        selectinload(Visit.topics),
        selectinload(Visit.programme),
    ),
    columns=(
        Column("Title", Text(300), "title", (*TITLE, "Besuch", "Visit"), True),
        Column("Date", When(), "date", ("Dates", "Datum", "Zeitraum", "When", "Wann"), True),
        Column(
            "Host city",
            Ref("city"),
            "host_city",
            ("Gastgeberstadt", "Gastgeber", "Besuchte Stadt", "Host"),
            default=host_from_direction,
        ),
        Column(
            "Direction",
            Choice(Direction, DIRECTION_WORDS),
            "direction",
            ("Richtung",),
            default=direction_from_host,
        ),
        Column("Partner city", Ref("city"), "partner_city", PARTNER_CITY),
        Column("Delegation", Ref("delegation"), "delegation"),
        Column("Occasion", Text(300), "occasion", ("Anlass",)),
        Column(
            "Status",
            Choice(VisitStatus, VISIT_STATUS_WORDS),
            "status",
            default=status_from_date,
        ),
        Column(
            "First official",
            Flag(),
            "first_official",
            ("First official visit", "Erster offizieller Besuch", "Erstbesuch"),
        ),
        Column("Summary", Text(500), "summary", SUMMARY),
        Column("Topics", Refs("topic", ",", ", "), "topics", TOPICS),
        Column(
            "Programme",
            Lines(500),
            "programme",
            ("Program", "Programm"),
            get=_programme,
            set=_set_programme,
        ),
        Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
    ),
)

EXCHANGES = EntitySchema(
    name="exchanges",
    singular=_l("Planned exchange"),
    plural=_l("Planned exchanges"),
    model=PlannedExchange,
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
        Column("Partner city", Ref("city"), "partner_city", PARTNER_CITY),
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
        Column("Agreed in", Ref("agreement"), "origin_agreement", ("Vereinbart in", "Agreement")),
        Column(
            "Took place as",
            Ref("visit"),
            "realised_visit",
            ("Realised as", "Stattgefunden als", "Visit", "Besuch"),
        ),
        Column("Summary", Text(500), "summary", SUMMARY),
        Column("Topics", Refs("topic", ",", ", "), "topics", TOPICS),
        Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
    ),
)

PRESS = EntitySchema(
    name="press",
    singular=_l("Press article"),
    plural=_l("Press articles"),
    model=PressArticle,
    index=matching.ArticleIndex,
    load_options=(selectinload(PressArticle.events),),
    columns=(
        Column("Title", Text(500), "title", ("Titel", "Überschrift", "Headline"), True),
        Column("URL", WebAddress(), "url", ("Link", "Web address", "Webadresse", "Adresse")),
        Column("Outlet", Text(300), "outlet", ("Medium", "Quelle", "Source", "Zeitung")),
        Column(
            "Published on",
            Day(),
            "published_on",
            ("Published", "Date", "Datum", "Erschienen am", "Veröffentlicht am"),
        ),
        Column("Language", Text(16), "language", ("Sprache",)),
        Column("Section", Text(200), "section", ("Rubrik", "Ressort")),
        Column("Tags", Text(500), "tags", ("Schlagwörter", "Schlagworte", "Stichwörter")),
        Column("Events", Refs("event", "|", " | "), "events", ("Ereignisse", "Reports on")),
        Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
    ),
)

SCHEMAS = {schema.name: schema for schema in (CONTACTS, ORGANISATIONS, VISITS, EXCHANGES, PRESS)}
