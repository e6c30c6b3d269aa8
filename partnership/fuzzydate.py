"""Read, store and write dates as people type them: a day, month, quarter or year, or a range.

Parsing is strict: a regex grammar decides the shape and precision, and anything that would need
a guess (a two-digit year, 09/10/2023, "Mitte 2024") raises FuzzyDateError with a human message.
The module does not depend on Flask: messages are marked with `N_` and translated by the caller.
"""

import calendar
import datetime
import enum
import re
from dataclasses import dataclass

from dateutil.parser import parserinfo
from dateutil.relativedelta import relativedelta


class Precision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


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
FIRST_YEAR, LAST_YEAR = 1800, 2200


def N_(message: str) -> str:
    """Mark a message for the translation catalogue; whoever shows it translates it."""
    return message


_UNREADABLE = N_(
    "‘%(text)s’ is not a date I can read. "
    "Write it like 24.09.2023, 24.–29. September 2023, September 2023, Q3 2023 or 2023."
)


class FuzzyDateError(ValueError):
    """A date that cannot be read without guessing; str() is the message for the person typing.

    `template` is the English message with %(name)s placeholders, `params` fill them in; an
    interface translates the template and fills in `params_for(its language)`.
    """

    def __init__(self, template: str, **params) -> None:
        self.template = template
        self.params = params
        super().__init__(template % self.params_for("en"))

    def params_for(self, lang: str) -> dict:
        """Return the params with dates (and so month names) written in `lang`."""
        return {
            name: value.format(lang) if isinstance(value, FuzzyDate) else value
            for name, value in self.params.items()
        }


class _MonthNames(parserinfo):
    """Look up German and English month names and their usual abbreviations."""

    MONTHS = [
        ("jan", "january", "januar", "jän", "jänner", "jaenner"),
        ("feb", "febr", "february", "februar", "feber"),
        ("mar", "march", "mär", "märz", "maerz", "mrz"),
        ("apr", "april"),
        ("may", "mai"),
        ("jun", "june", "juni"),
        ("jul", "july", "juli"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("oct", "october", "okt", "oktober"),
        ("nov", "november"),
        ("dec", "december", "dez", "dezember"),
    ]


_MONTHS = _MonthNames(dayfirst=True)


def _quarter(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def _period_end(start: datetime.date, precision: Precision) -> datetime.date:
    """Return the last day of the day, month, quarter or year that contains start."""
    if precision is Precision.DAY:
        return start
    if precision is Precision.MONTH:
        return start + relativedelta(day=31)
    if precision is Precision.QUARTER:
        first = start.replace(month=3 * _quarter(start) - 2, day=1)
        return first + relativedelta(months=2, day=31)
    return start.replace(month=12, day=31)


@dataclass(frozen=True)
class FuzzyDate:
    """A day, month, quarter or year, or a range of them, possibly only expected."""

    start: datetime.date
    end: datetime.date
    precision: Precision
    tentative: bool = False

    def __post_init__(self) -> None:
        # Database rows hand the precision over as plain text.
        object.__setattr__(self, "precision", Precision(self.precision))

    @property
    def sort_key(self) -> datetime.date:
        # An imprecise date sorts after the precise dates inside its period.
        return self.start if self.precision is Precision.DAY else self.end

    @property
    def precision_rank(self) -> int:
        return list(Precision).index(self.precision)

    @property
    def is_range(self) -> bool:
        return self.end != _period_end(self.start, self.precision)

    def format(self, lang: str = "en") -> str:
        """Write the date at its own precision in English ("en") or German ("de")."""
        if lang not in MONTH_NAMES:
            raise ValueError(f"Unknown language {lang!r}; use 'en' or 'de'.")
        text = _format_span(self.start, self.end, self.precision, lang)
        return TENTATIVE_PREFIX[lang] + text if self.tentative else text

    def __str__(self) -> str:
        return self.format("en")

    @classmethod
    def from_parts(cls, start, end, precision, tentative=False) -> "FuzzyDate | None":
        """Rebuild a fuzzy date from stored columns; None when there is no start."""
        if start is None:
            return None
        return cls(start, end or start, Precision(precision or Precision.DAY), bool(tentative))


def _format_span(start, end, precision: Precision, lang: str) -> str:
    if precision is Precision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    months = MONTH_NAMES[lang]
    dot = "." if lang == "de" else ""

    def unit(day: datetime.date) -> str:
        if precision is Precision.QUARTER:
            return f"Q{_quarter(day)}"
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


_TENTATIVE = re.compile(
    r"(?:(?:voraussichtlich|vorauss|vsl|circa|ca|etwa|ungefähr|ungefaehr|probably|expected"
    r"|approximately|approx|about|around)\b\.?|~)\s*",
    re.IGNORECASE,
)
_POINT_HINT = N_(
    "‘%(text)s’: “%(word)s” is too vague to store. "
    "Write a day range, the month or the quarter instead, e.g. 1.–10. März 2024."
)
_SEASON_HINT = N_(
    "‘%(text)s’: “%(word)s” is too vague to store. Write the months instead, e.g. Juni–August 2024."
)
_HALF_HINT = N_(
    "‘%(text)s’: “%(word)s” is too vague to store. Write the quarters instead, e.g. Q1–Q2 2024."
)
_VAGUE = {
    **dict.fromkeys(
        ("anfang", "mitte", "ende", "beginning", "early", "mid", "late", "end"), _POINT_HINT
    ),
    **dict.fromkeys(
        (
            "frühjahr",
            "frühling",
            "sommer",
            "herbst",
            "winter",
            "spring",
            "summer",
            "autumn",
            "fall",
        ),
        _SEASON_HINT,
    ),
    **dict.fromkeys(("halbjahr", "hälfte", "half", "h1", "h2"), _HALF_HINT),
}

_WORD = r"(?P<mw>[^\W\d_]+)\.?"
_YEAR = r"(?P<y>\d+)"  # any length, so a two-digit year gets its own message
_ORD = r"(?:\.|st|nd|rd|th)?"
_DASH = r"\s*(?:[–—−-]|\s(?:bis|to|until|till)\s)\s*"
# The first shape that matches wins; e.g. "24th" must be a bare day, not 24 + month word "th".
_SHAPES = [
    re.compile(shape, re.IGNORECASE)
    for shape in (
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
        r"(?P<y>\d{4})-(?P<m>\d{1,2})",
        r"(?P<y>\d{4})[- ]?q(?P<q>\d+)",
        rf"q(?P<q>\d+)(?:(?:\s*/\s*|\s+){_YEAR})?",
        rf"(?P<q>\d+){_ORD}\s*(?:quartal|quarter)(?:\s+{_YEAR})?",
        rf"(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.(?:\s?{_YEAR})?",
        rf"(?P<d>\d{{1,2}})(?P<slash>/)(?P<m>\d{{1,2}})/{_YEAR}",
        rf"(?P<m>\d{{1,2}})[./]{_YEAR}",
        rf"(?P<d>\d{{1,2}}){_ORD}",
        rf"(?P<d>\d{{1,2}}){_ORD}\s*{_WORD}(?:\s+{_YEAR})?",
        rf"{_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+{_YEAR})?",
        rf"{_WORD}(?:\s+{_YEAR})?",
        r"(?P<y>\d{3,})",
    )
]
_US_RANGE = re.compile(
    rf"{_WORD}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_DASH}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"\s+{_YEAR}",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(rf"{_DASH}|\s*/\s*", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


@dataclass
class _Part:
    """One end of a typed date, its numbers not yet checked."""

    day: int | None = None
    month: int | None = None
    word: str | None = None
    quarter: int | None = None
    year: str | None = None  # kept as text so its number of digits can be checked
    slash: bool = False

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.quarter is not None:
            return Precision.QUARTER
        if self.month is not None or self.word is not None:
            return Precision.MONTH
        return Precision.YEAR


def _number(text: str | None) -> int | None:
    return None if text is None else int(text)


def _shape(text: str) -> _Part | None:
    """Match one end of a date against the grammar, without judging its numbers."""
    for shape in _SHAPES:
        if match := shape.fullmatch(text):
            found = match.groupdict()
            number = {key: _number(found.get(key)) for key in ("d", "m", "q")}
            return _Part(
                day=number["d"],
                month=number["m"],
                word=found.get("mw"),
                quarter=number["q"],
                year=found.get("y"),
                slash=bool(found.get("slash")),
            )
    return None


def _range_candidates(text: str) -> list[tuple[_Part, _Part]]:
    """Return every way of splitting text into two ends that both match the grammar."""
    if match := _US_RANGE.fullmatch(text):
        word, year = match["mw"], match["y"]
        return [
            (
                _Part(day=int(match["d1"]), word=word, year=year),
                _Part(day=int(match["d2"]), word=word, year=year),
            )
        ]
    found = []
    for separator in _SEPARATOR.finditer(text):
        left, right = text[: separator.start()], text[separator.end() :]
        # A slash separates only ISO dates; elsewhere it belongs to the date (Q1/2024, 02/2024).
        iso_ends = _ISO_DAY.fullmatch(left) and _ISO_DAY.fullmatch(right)
        if separator.group().strip() == "/" and not iso_ends:
            continue
        if (start := _shape(left)) and (end := _shape(right)):
            found.append((start, end))
    return found


def _first_day(part: _Part, text: str) -> datetime.date:
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
            month=FuzzyDate(first, _period_end(first, Precision.MONTH), Precision.MONTH),
            day=part.day,
        )
    return datetime.date(year, month, part.day)


def _read_range(start: _Part, end: _Part, text: str) -> tuple[datetime.date, datetime.date]:
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
    return first, _period_end(last, end.precision)


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """Read a typed date strictly, raising FuzzyDateError rather than guessing."""
    shown = re.sub(r"\s+", " ", text).strip()
    if not shown:
        raise FuzzyDateError(N_("Enter a date."))
    body = shown
    tentative = False
    if marker := _TENTATIVE.match(body):
        body, tentative = body[marker.end() :], True
    if body.endswith("?"):
        body, tentative = body[:-1].rstrip(), True
    if not body:
        raise FuzzyDateError(N_("‘%(text)s’: the date itself is missing."), text=shown)
    for word in re.findall(r"\bh[12]\b|[^\W\d_]+", body, re.IGNORECASE):
        if template := _VAGUE.get(word.lower()):
            raise FuzzyDateError(template, text=shown, word=word)
    body = re.sub(r"(?<=[^\W_])\s*,\s*(?=\d)", " ", body)  # "September 24, 2023"
    if part := _shape(body):
        start = _first_day(part, shown)
        return FuzzyDate(start, _period_end(start, part.precision), part.precision, tentative)
    candidates = _range_candidates(body)
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
