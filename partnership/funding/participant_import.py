"""Import an event's participant list from a spreadsheet, through the import machinery.

The file is read and checked by `partnership.imports` (the same readers, cells, plans and
all-or-nothing write as every import); what is particular here is the event, fixed by the
page the file is uploaded on: rows are matched to that event's participants by name, so
importing the same list again updates it instead of doubling it.
"""

import functools
from dataclasses import dataclass, replace
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.funding.entity import PARTICIPANT
from partnership.funding.models import AgeGroup, Gender, Participant, ParticipantOrigin
from partnership.funding.participant_services import save_participant
from partnership.imports.columns import Column
from partnership.imports.countries import Country
from partnership.imports.matching import Index, MatchError
from partnership.imports.plans import Plan
from partnership.imports.readers import read_table
from partnership.imports.schemas import ImportSpec
from partnership.imports.services import apply_plan, plan_import
from partnership.imports.values import CellError, Choice, Day, Flag, Ref, Text
from partnership.text import search_key

GENDER_WORDS = {
    "weiblich": "female",
    "w": "female",
    "f": "female",
    "frau": "female",
    "mannlich": "male",
    "m": "male",
    "mann": "male",
    "divers": "diverse",
    "d": "diverse",
    "keine angabe": "not stated",
    "k. a.": "not stated",
    "ka": "not stated",
    "not given": "not stated",
}
AGE_WORDS = {
    "unter 18": "under 18",
    "<18": "under 18",
    "18-30": "18 to 30",
    "18–30": "18 to 30",
    "18 bis 30": "18 to 30",
    "31-64": "31 to 64",
    "31–64": "31 to 64",
    "31 bis 64": "31 to 64",
    "65+": "65 and over",
    "ab 65": "65 and over",
    "65 und alter": "65 and over",
}
ORIGIN_WORDS = {
    "lokal": "local",
    "ortlich": "local",
    "einheimisch": "local",
    "invited": "international",
    "eingeladen": "international",
    "international": "international",
    "ausland": "international",
    "aus dem ausland": "international",
    "auslandisch": "international",
}
# Days attended at most, in one cell.
MAX_DAYS_IN_CELL = 366


@dataclass(frozen=True)
class DayList:
    """Days attended, one cell: "10.05.2024, 11.05.2024"; empty means every day."""

    empty = ()

    def read(self, text: str, refs) -> tuple[date, ...]:
        items = [
            item.strip() for line in text.splitlines() for item in line.replace(";", ",").split(",")
        ]
        days = tuple(sorted({Day().read(item, refs) for item in items if item}))
        if len(days) > MAX_DAYS_IN_CELL:
            raise CellError(_("names more than %(count)d days.", count=MAX_DAYS_IN_CELL))
        return days

    def write(self, value) -> str:
        return ", ".join(day.isoformat() for day in value or ())


def _origin_default(values: dict, refs):
    """Invited from abroad when the row's country (or its sending city's) is not the home city's."""
    city = values.get("Sending city")
    country = values.get("Country") or (city.country_code if city is not None else "")
    home = refs.home_city()
    if country and home is not None and country.upper() != (home.country_code or "").upper():
        return ParticipantOrigin.INTERNATIONAL
    return ParticipantOrigin.LOCAL


COLUMNS = (
    Column(
        "Name",
        Text(200),
        "name",
        aliases=("Teilnehmer", "Teilnehmerin", "Teilnehmende", "Participant", "Vor- und Nachname"),
        required=True,
        get=lambda p: p.display_name,
    ),
    Column("Organisation", Text(300), "organisation", aliases=("Organization", "Institution")),
    Column("City", Text(200), "city", aliases=("Stadt", "Ort", "Wohnort", "Home town")),
    Column(
        "Sending city",
        Ref("city"),
        "sending_city_id",
        aliases=("Entsendende Stadt", "Entsendestadt", "Sending town", "Partnerstadt"),
    ),
    Column("Country", Country(), "country_code", aliases=("Land", "Staat")),
    Column("Gender", Choice(Gender, GENDER_WORDS), "gender", aliases=("Geschlecht",)),
    Column(
        "Age group", Choice(AgeGroup, AGE_WORDS), "age_group", aliases=("Altersgruppe", "Alter")
    ),
    Column(
        "Local or invited",
        Choice(ParticipantOrigin, ORIGIN_WORDS),
        "origin",
        aliases=("Origin", "Taking part as", "Teilnahme als", "Lokal oder eingeladen", "Herkunft"),
        default=_origin_default,
    ),
    Column(
        "Signed",
        Flag(),
        "signed_list",
        aliases=("Unterschrieben", "Unterschrift", "Signed the list"),
        # An empty cell keeps a signature marked after the event.
        default=lambda values, refs: False,
    ),
    Column(
        "Days",
        DayList(),
        "days",
        aliases=("Tage", "Days attended", "Anwesend", "Anwesenheit"),
        get=lambda p: tuple(row.day for row in p.days),
    ),
    Column("Role", Text(200), "role", aliases=("Rolle", "Funktion")),
)


class ParticipantIndex(Index):
    """The participants of one event, by the name they are listed under."""

    def __init__(self, model, options=(), *, event_id: int):
        query = select(model).where(model.event_id == event_id).options(*options)
        self.records = db.session.scalars(query).all()
        self.by_name: dict[str, list] = {}
        for participant in self.records:
            self.by_name.setdefault(search_key(participant.display_name), []).append(participant)

    def key(self, values):
        return search_key(values["Name"])

    def find(self, values):
        found = self.by_name.get(self.key(values), [])
        if len(found) > 1:
            message = _(
                "%(count)d participants of this activity are called “%(name)s”; tell them "
                "apart first.",
                count=len(found),
                name=values["Name"],
            )
            raise MatchError("Name", message)
        return found[0] if found else None


def participant_importer(event_id: int):
    """The participants' description, with an import that writes into event `event_id`."""

    def save(participant: Participant, values) -> None:
        # A contact's participant keeps the contact's name; the file may spell it otherwise.
        name = "" if values.contact_id is not None else values.name
        save_participant(participant, replace(values, event_id=event_id, name=name))

    spec = ImportSpec(
        columns=COLUMNS,
        index=functools.partial(ParticipantIndex, event_id=event_id),
        load_options=(
            selectinload(Participant.contact),
            selectinload(Participant.days),
            selectinload(Participant.sending_city),
        ),
    )
    return replace(PARTICIPANT, importer=spec, save=save)


def check_participant_file(
    event_id: int, data: bytes, filename: str, delimiter: str | None, create_missing: bool, max_rows
) -> Plan:
    """Read and check a participant list for event `event_id`, writing nothing.

    Raise ImportFileError when the file cannot be read at all.
    """
    table = read_table(data, filename, delimiter or None, max_rows)
    return plan_import(participant_importer(event_id), table, create_missing)


def import_participants(plan: Plan) -> int:
    """Write a checked plan; raise ImportRefused (roll back) when a row is refused. Commit after."""
    return apply_plan(plan)


def template_header() -> list[str]:
    return [column.name for column in COLUMNS]
