"""The columns of each importable entity, in the order exports and templates write them.

Headers are matched in English or German and without regard to case, spaces or hyphens;
values of a choice column may be typed with the English value or a usual German word.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.imports import matching
from partnership.imports.columns import Column
from partnership.imports.rules import (
    constant,
    direction_from_host,
    host_from_direction,
    needed,
    programme_lines,
    realised_exchange,
    set_programme_lines,
    status_from_date,
)
from partnership.imports.values import (
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
from partnership.imports.words import (
    DIRECTION_WORDS,
    EXCHANGE_KIND_WORDS,
    EXCHANGE_STATUS_WORDS,
    VISIT_STATUS_WORDS,
)
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Direction, Visit, VisitStatus

TITLE = ("Titel", "Bezeichnung", "Name")
CITY = ("Stadt", "Ort", "Town")
PARTNER_CITY = ("Partnerstadt", "Partner")
SUMMARY = ("Zusammenfassung", "Kurzbeschreibung", "Beschreibung", "Description")
TOPICS = ("Themen", "Thema", "Topic", "Schwerpunkte")
NOTES = ("Notizen", "Bemerkungen", "Bemerkung", "Anmerkungen", "Kommentar", "Comments", "Note")
NOTES_LENGTH = 10_000


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

    save = None

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def importer(self) -> "EntitySchema":
        return self


@dataclass(frozen=True)
class ImportSpec:
    """What an import of one kind of record reads (`entity.importer`): its columns, each named
    after a field of the entity's values, how it finds existing records, and its own rules."""

    columns: tuple[Column, ...]
    index: type[matching.Index]
    load_options: tuple = ()
    finish: Callable[[dict], None] = field(default=lambda values: None)

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


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
            get=programme_lines,
            set=set_programme_lines,
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

SCHEMAS = {schema.name: schema for schema in (CONTACTS, VISITS, EXCHANGES, PRESS)}
