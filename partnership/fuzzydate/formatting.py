"""Write a period at its own precision, in English, German or Ukrainian."""

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
    # Ukrainian writes a month alone in the nominative and in lower case: "вересень 2023".
    "uk": (
        "січень",
        "лютий",
        "березень",
        "квітень",
        "травень",
        "червень",
        "липень",
        "серпень",
        "вересень",
        "жовтень",
        "листопад",
        "грудень",
    ),
}
# After a day Ukrainian puts the month in the genitive: "24 вересня 2023".
DAY_MONTH_NAMES = {
    "uk": (
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ),
}
TENTATIVE_PREFIX = {"en": "probably ", "de": "voraussichtlich ", "uk": "орієнтовно "}
# Ukrainian offices number quarters in Roman numerals: "III кв. 2023".
ROMAN_QUARTERS = ("I", "II", "III", "IV")


def format_span(start: datetime.date, end: datetime.date, precision: Precision, lang: str) -> str:
    """Write the period from start to end, naming a shared month or year once."""
    if precision is Precision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    months = MONTH_NAMES[lang]
    day_months = DAY_MONTH_NAMES.get(lang, months)
    dot = "." if lang == "de" else ""

    def unit(day: datetime.date) -> str:
        if precision is Precision.QUARTER:
            if lang == "uk":
                return f"{ROMAN_QUARTERS[quarter_of(day) - 1]} кв."
            return f"Q{quarter_of(day)}"
        if precision is Precision.MONTH:
            return months[day.month - 1]
        return f"{day.day}{dot} {day_months[day.month - 1]}"

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


def write_day(day: datetime.date, lang: str) -> str:
    """Write one day: "24 September 2023", "24. September 2023", "24 вересня 2023"."""
    return format_span(day, day, Precision.DAY, lang)
