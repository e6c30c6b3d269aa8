"""Write a period at its own precision, in English or German."""

import datetime

from partnership.fuzzydate.periods import Precision, quarter_of

MONTH_NAMES = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
}
TENTATIVE_PREFIX = {"en": "probably ", "de": "voraussichtlich "}


def format_span(start: datetime.date, end: datetime.date, precision: Precision, lang: str) -> str:
    """Write the period from start to end, naming a shared month or year once."""
    if precision is Precision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    months = MONTH_NAMES[lang]
    dot = "." if lang == "de" else ""

    def unit(day: datetime.date) -> str:
        if precision is Precision.QUARTER:
            return f"Q{quarter_of(day)}"
        if precision is Precision.MONTH:
            return months[day.month - 1]
        return f"{day.day}{dot} {months[day.month - 1]}"

    first, last = unit(start), unit(end)
    if start.year != end.year:
        return f"{first} {start.year} – {last} {end.year}"
    if first == last:
        return f"{first} {start.year}"
    if precision is not Precision.DAY:
        return f"{first}–{last} {start.year}"
    if start.month == end.month:
        return f"{start.day}{dot}–{last} {start.year}"
    return f"{first} – {last} {start.year}"
