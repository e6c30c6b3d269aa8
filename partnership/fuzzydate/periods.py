"""Precisions of a date and the periods they cover."""

import datetime
import enum

from dateutil.relativedelta import relativedelta

FIRST_YEAR, LAST_YEAR = 1800, 2200


class Precision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def period_end(start: datetime.date, precision: Precision) -> datetime.date:
    """Return the last day of the day, month, quarter or year that contains start."""
    if precision is Precision.DAY:
        return start
    if precision is Precision.MONTH:
        return start + relativedelta(day=31)
    if precision is Precision.QUARTER:
        first = start.replace(month=3 * quarter_of(start) - 2, day=1)
        return first + relativedelta(months=2, day=31)
    return start.replace(month=12, day=31)
