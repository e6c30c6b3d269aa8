"""Read, store and write dates as people type them: a day, month, quarter or year, or a range.

Parsing is strict: a regex grammar decides the shape and precision, and anything that would need
a guess (a two-digit year, 09/10/2023, "Mitte 2024") raises FuzzyDateError with a human message.
The package does not depend on Flask: messages are marked with `N_` and translated by the caller.
"""

from partnership.fuzzydate.formatting import MONTH_NAMES, TENTATIVE_PREFIX, write_day
from partnership.fuzzydate.model import N_, FuzzyDate, FuzzyDateError
from partnership.fuzzydate.parsing import parse_fuzzy_date
from partnership.fuzzydate.periods import FIRST_YEAR, LAST_YEAR, Precision

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MONTH_NAMES",
    "TENTATIVE_PREFIX",
    "FuzzyDate",
    "FuzzyDateError",
    "N_",
    "Precision",
    "parse_fuzzy_date",
    "write_day",
]
