"""Read a typed date strictly: check the numbers of each end and of a range."""

import calendar
import datetime
import re

from dateutil.parser import parserinfo

from partnership.fuzzydate.grammar import (
    TENTATIVE,
    VAGUE_WORDS,
    Part,
    range_candidates,
    shape_of,
)
from partnership.fuzzydate.model import N_, FuzzyDate, FuzzyDateError
from partnership.fuzzydate.periods import FIRST_YEAR, LAST_YEAR, Precision, period_end

_UNREADABLE = N_(
    "‘%(text)s’ is not a date I can read. "
    "Write it like 24.09.2023, 24.–29. September 2023, September 2023, Q3 2023 or 2023."
)


class _MonthNames(parserinfo):
    """Look up German, English and Ukrainian month names and their usual abbreviations (the
    Ukrainian ones alone and after a day: "вересень 2023", "24 вересня 2023")."""

    MONTHS = [
        ("jan", "january", "januar", "jän", "jänner", "jaenner", "січ", "січень", "січня"),
        ("feb", "febr", "february", "februar", "feber", "лют", "лютий", "лютого"),
        ("mar", "march", "mär", "märz", "maerz", "mrz", "бер", "березень", "березня"),
        ("apr", "april", "квіт", "квітень", "квітня"),
        ("may", "mai", "трав", "травень", "травня"),
        ("jun", "june", "juni", "черв", "червень", "червня"),
        ("jul", "july", "juli", "лип", "липень", "липня"),
        ("aug", "august", "серп", "серпень", "серпня"),
        ("sep", "sept", "september", "вер", "вересень", "вересня"),
        ("oct", "october", "okt", "oktober", "жовт", "жовтень", "жовтня"),
        ("nov", "november", "лист", "листопад", "листопада"),
        ("dec", "december", "dez", "dezember", "груд", "грудень", "грудня"),
    ]


_MONTHS = _MonthNames(dayfirst=True)


def _first_day(part: Part, text: str) -> datetime.date:
    """Check one end of a date and return the first day of its period."""
    month = part.month
    if part.word is not None:
        month = _MONTHS.month(part.word)
        if month is None and part.day is None and part.year is None:
            raise FuzzyDateError(_UNREADABLE, text=text)
        if month is None:
            raise FuzzyDateError(
                N_("‘%(text)s’: “%(word)s” is not a month name I know."), text=text, word=part.word
            )
    if part.day is not None and month is None:
        raise FuzzyDateError(N_("‘%(text)s’: the month and the year are missing."), text=text)
    if part.year is None:
        raise FuzzyDateError(
            N_("‘%(text)s’: the year is missing; add it with four digits, e.g. 2024."), text=text
        )
    if len(part.year) != 4:
        raise FuzzyDateError(
            N_("‘%(text)s’: write the year with four digits, e.g. 2024."), text=text
        )
    year = int(part.year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FuzzyDateError(
            N_("‘%(text)s’: the year must be between %(first)s and %(last)s."),
            text=text,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    if part.quarter is not None:
        if not 1 <= part.quarter <= 4:
            raise FuzzyDateError(
                N_("‘%(text)s’: there is no quarter %(quarter)s; use Q1 to Q4."),
                text=text,
                quarter=part.quarter,
            )
        return datetime.date(year, 3 * part.quarter - 2, 1)
    if month is None:
        return datetime.date(year, 1, 1)
    if part.slash and part.day <= 12 and part.day != month:
        day, month = (part.day, month) if month <= 12 else (month, part.day)
        raise FuzzyDateError(
            N_(
                "‘%(text)s’ is ambiguous: it could be day/month or month/day. "
                "Write %(day_first)s or %(iso)s instead."
            ),
            text=text,
            day_first=f"{day:02}.{month:02}.{year}",
            iso=f"{year}-{month:02}-{day:02}",
        )
    if not 1 <= month <= 12:
        raise FuzzyDateError(N_("‘%(text)s’: there is no month %(month)s."), text=text, month=month)
    if part.day is None:
        return datetime.date(year, month, 1)
    if not 1 <= part.day <= calendar.monthrange(year, month)[1]:
        first = datetime.date(year, month, 1)
        raise FuzzyDateError(
            N_("‘%(text)s’: %(month)s has no day %(day)s."),
            text=text,
            month=FuzzyDate(first, period_end(first, Precision.MONTH), Precision.MONTH),
            day=part.day,
        )
    return datetime.date(year, month, part.day)


def _read_range(start: Part, end: Part, text: str) -> tuple[datetime.date, datetime.date]:
    """Check both ends of a range, filling the start's missing month and year from the end."""
    if start.precision is not end.precision:
        raise FuzzyDateError(
            N_(
                "‘%(text)s’: both ends of a range need the same precision, "
                "e.g. 24.09.2023 – 15.10.2023 or September–October 2023."
            ),
            text=text,
        )
    if start.year is None:
        start.year = end.year
    if start.day is not None and start.month is None and start.word is None:
        start.month, start.word = end.month, end.word
    first, last = _first_day(start, text), _first_day(end, text)
    if last < first:
        precision = start.precision
        raise FuzzyDateError(
            N_("‘%(text)s’: the end (%(end)s) is before the start (%(start)s)."),
            text=text,
            end=FuzzyDate(last, last, precision),
            start=FuzzyDate(first, first, precision),
        )
    return first, period_end(last, end.precision)


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """Read a typed date strictly, raising FuzzyDateError rather than guessing."""
    shown = re.sub(r"\s+", " ", text).strip()
    if not shown:
        raise FuzzyDateError(N_("Enter a date."))
    body = shown
    tentative = False
    if marker := TENTATIVE.match(body):
        body, tentative = body[marker.end() :], True
    if body.endswith("?"):
        body, tentative = body[:-1].rstrip(), True
    if not body:
        raise FuzzyDateError(N_("‘%(text)s’: the date itself is missing."), text=shown)
    for word in re.findall(r"\bh[12]\b|[^\W\d_]+", body, re.IGNORECASE):
        if template := VAGUE_WORDS.get(word.lower()):
            raise FuzzyDateError(template, text=shown, word=word)
    body = re.sub(r"(?<=[^\W_])\s*,\s*(?=\d)", " ", body)  # "September 24, 2023"
    if part := shape_of(body):
        start = _first_day(part, shown)
        return FuzzyDate(start, period_end(start, part.precision), part.precision, tentative)
    candidates = range_candidates(body)
    if not candidates:
        raise FuzzyDateError(_UNREADABLE, text=shown)
    if len(candidates) > 1:
        raise FuzzyDateError(
            N_(
                "‘%(text)s’ can be split into a range in more than one way. "
                "Write both ends in full, e.g. 24.09.2023 – 29.09.2023."
            ),
            text=shown,
        )
    first, last = _read_range(*candidates[0], shown)
    return FuzzyDate(first, last, candidates[0][0].precision, tentative)
