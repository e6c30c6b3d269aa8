"""The shapes a typed date may take, matched without judging its numbers yet."""

import re
from dataclasses import dataclass

from partnership.fuzzydate.formatting import ROMAN_QUARTERS
from partnership.fuzzydate.model import N_
from partnership.fuzzydate.periods import Precision

TENTATIVE = re.compile(
    r"(?:(?:voraussichtlich|vorauss|vsl|circa|ca|etwa|ungefähr|ungefaehr|probably|expected"
    r"|approximately|approx|about|around|орієнтовно|приблизно|ймовірно)\b\.?|~)\s*",
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
# Words that name part of a period too vaguely to store, with the message that says so.
VAGUE_WORDS = {
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
        rf"(?P<q>\d+){_ORD}\s*(?:quartal|quarter|кв\.?|квартал)(?:\s+{_YEAR})?",
        rf"(?P<qr>[iі]{{1,3}}|[iі]v)\s*(?:кв\.?|квартал)(?:\s+{_YEAR})?",
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
class Part:
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


def shape_of(text: str) -> Part | None:
    """Match one end of a date against the grammar, without judging its numbers."""
    for shape in _SHAPES:
        if match := shape.fullmatch(text):
            found = match.groupdict()
            number = {key: _number(found.get(key)) for key in ("d", "m", "q")}
            if found.get("qr"):  # a Ukrainian quarter in Roman numerals: "III кв. 2023"
                roman = found["qr"].upper().replace("І", "I")  # typed with Cyrillic І too
                number["q"] = ROMAN_QUARTERS.index(roman) + 1
            return Part(
                day=number["d"],
                month=number["m"],
                word=found.get("mw"),
                quarter=number["q"],
                year=found.get("y"),
                slash=bool(found.get("slash")),
            )
    return None


def range_candidates(text: str) -> list[tuple[Part, Part]]:
    """Return every way of splitting text into two ends that both match the grammar."""
    if match := _US_RANGE.fullmatch(text):
        word, year = match["mw"], match["y"]
        return [
            (
                Part(day=int(match["d1"]), word=word, year=year),
                Part(day=int(match["d2"]), word=word, year=year),
            )
        ]
    found = []
    for separator in _SEPARATOR.finditer(text):
        left, right = text[: separator.start()], text[separator.end() :]
        # A slash separates only ISO dates; elsewhere it belongs to the date (Q1/2024, 02/2024).
        iso_ends = _ISO_DAY.fullmatch(left) and _ISO_DAY.fullmatch(right)
        if separator.group().strip() == "/" and not iso_ends:
            continue
        if (start := shape_of(left)) and (end := shape_of(right)):
            found.append((start, end))
    return found
