"""A timeline's year sections, with the today marker in the year where today falls."""

from dataclasses import dataclass, field
from datetime import date

from partnership.formatting import group_by_year


@dataclass
class YearSection:
    """The entries of one year in their order; None among them is the today marker."""

    year: int | None
    items: list = field(default_factory=list)


def year_sections(events, today: date, marker_at: int | None) -> list[YearSection | None]:
    """Group `events` by year and place the today marker before the event at `marker_at`.

    The marker sits inside the section of today's year, when the events on either side of it
    include one: after the last entry of that year or before its first one. Otherwise today's
    year has no events around the marker, so it goes between two sections (returned as None
    among them), never under the heading of a year that has not begun. The rule reads only the
    years beside the marker, so it holds for oldest-first and newest-first lists alike.
    """
    sections = [YearSection(year, list(group)) for year, group in group_by_year(events)]
    if marker_at is None or not sections:
        return sections
    start = 0
    for position, section in enumerate(sections):
        end = start + len(section.items)
        if start < marker_at < end:
            section.items.insert(marker_at - start, None)
            return sections
        if section.year == today.year and marker_at in (start, end):
            section.items.insert(marker_at - start, None)
            return sections
        if marker_at == start:
            return [*sections[:position], None, *sections[position:]]
        start = end
    return [*sections, None]
