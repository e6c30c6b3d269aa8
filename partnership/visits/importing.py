"""How a spreadsheet of visits is read: its columns, and what a new visit gets where its row
leaves a field empty."""

from flask_babel import gettext as _
from sqlalchemy import String, case, cast, select
from sqlalchemy.orm import selectinload

from partnership.imports import matching
from partnership.imports.columns import Column
from partnership.imports.schemas import (
    NOTES,
    NOTES_LENGTH,
    PARTNER_CITY,
    SUMMARY,
    TITLE,
    TOPICS,
    ImportSpec,
)
from partnership.imports.values import CellError, Choice, Flag, Lines, Ref, Refs, Text, When
from partnership.imports.words import DIRECTION_WORDS, VISIT_STATUS_WORDS
from partnership.records.export_cells import Cell, joined
from partnership.visits.models import Direction, ProgrammeItem, Visit, VisitStatus
from partnership.visits.services import (
    PROGRAMME_ITEM_LENGTH,
    direction_for,
    host_for,
    programme_line,
    status_for,
)


def host_from_direction(cells: dict, refs):
    """The host of a new visit from its direction and partner city (see `host_for`)."""
    host = host_for(cells.get("Direction"), cells.get("Partner city"), refs.home_city())
    if host is None or not hasattr(host, "is_home"):
        raise CellError(_("is needed: give the host city, or the direction and partner city."))
    return host


def direction_from_host(cells: dict, refs) -> Direction:
    """The direction of a new visit from its host city (see `direction_for`)."""
    host = cells.get("Host city")
    if not hasattr(host, "is_home"):
        raise CellError(_("is needed: write incoming or outgoing."))
    return direction_for(host)


def status_from_date(cells: dict, refs) -> VisitStatus:
    """The status of a new visit from its dates (see `status_for`)."""
    return status_for(cells.get("Date"))


def programme_lines(visit: Visit) -> tuple[str, ...]:
    # With their days, as the visit form shows them: a sheet read back keeps the days.
    return tuple(programme_line(item.day, item.description) for item in visit.programme)


def programme_text(model) -> tuple:
    """The programme as `programme_lines` writes it, one line per item, selected by SQL."""
    item = ProgrammeItem
    line = case(
        (item.day.is_not(None), cast(item.day, String) + ": " + item.description),
        else_=item.description,
    )
    values = select(line.label("value")).where(item.visit_id == model.id).order_by(item.position)
    return (joined(values, model, "\n"),)


VISIT_IMPORT = ImportSpec(
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
            "host_city_id",
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
        Column("Partner city", Ref("city"), "partner_city_id", PARTNER_CITY),
        Column("Delegation", Ref("delegation"), "delegation_id"),
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
        Column("Topics", Refs("topic", ",", ", "), "topic_ids", TOPICS),
        Column(
            "Programme",
            Lines(PROGRAMME_ITEM_LENGTH),
            "programme",
            ("Program", "Programm"),
            get=programme_lines,
            cell=Cell(programme_text),
        ),
        Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
    ),
)
