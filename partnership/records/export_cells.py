"""How a list download fetches and writes each column: the SQL next to the text it writes.

A download selects plain values, never a record per row: each column names the expressions it
selects from the listed row (`sql(model)`) and writes them into the text a file import reads
back (`write`). Related records are named by subqueries the database answers with the row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, String, case, cast, func, literal, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import FunctionElement

from partnership.fuzzydate import FuzzyDate

# How the database packs an event's title and date parts into one text, and several events
# into one cell: characters no title holds.
FIELD, RECORD = "\x1f", "\x1e"


@dataclass(frozen=True)
class Cell:
    """One column of a download: `sql(model)` the expressions it selects from the row of the
    listed `model`, `write(*values)` its text (None: the one value as the database gives it).

    An `amount` is written by the download with the decimal mark of the file's separator.
    """

    sql: Callable[[type], tuple]
    write: Callable[..., Any] | None = None
    amount: bool = False


def field(attr: str) -> Cell:
    """A text or number of the row, written as it is (empty for none)."""
    return Cell(lambda model: (getattr(model, attr),))


def choice(attr: str) -> Cell:
    """A choice, stored by the value an import reads: the stored text as it is."""
    return Cell(lambda model: (type_coerce(getattr(model, attr), String),))


def flag(attr: str) -> Cell:
    return Cell(lambda model: (getattr(model, attr),), yes_no)


def day(attr: str) -> Cell:
    return Cell(lambda model: (getattr(model, attr),), iso_day)


def amount(attr: str) -> Cell:
    return Cell(lambda model: (getattr(model, attr),), plain_amount, amount=True)


def fuzzy_date(prefix: str = "date") -> Cell:
    """A fuzzy date in the English the importer reads ('June 2023', '24-29 Sep 2023')."""
    parts = ("start", "end", "precision", "tentative")
    return Cell(lambda model: tuple(getattr(model, f"{prefix}_{p}") for p in parts), fuzzy_text)


def named(relationship: str, label: Callable[[Any], Any] | None = None) -> Cell:
    """The record a row refers to, by its name (or `label(target)`); empty for none or an
    archived one, as loading it would give."""

    def sql(model) -> tuple:
        target, key = _referred(model, relationship)
        name = label(target) if label else target.name
        return (select(name).where(target.id == key, *live(target)).scalar_subquery(),)

    return Cell(sql)


def dated_named(relationship: str) -> Cell:
    """The event a row refers to, by its title and date: 'Visit (Sep 2023)'."""

    def sql(model) -> tuple:
        target, key = _referred(model, relationship)
        return (
            select(packed_event(target)).where(target.id == key, *live(target)).scalar_subquery(),
        )

    return Cell(sql, event_label)


def names_of(relationship: str, joiner: str, dated: bool = False) -> Cell:
    """The records a row is linked to through a link table, named and joined by `joiner`, in
    the relationship's order; events (`dated`) with their date."""

    def sql(model) -> tuple:
        prop = getattr(model, relationship).property
        target = prop.mapper.class_
        link = prop.secondary
        (parent, own), (_, other) = (
            prop.synchronize_pairs[0],
            prop.secondary_synchronize_pairs[0],
        )
        order = [getattr(target, c.key) for c in prop.order_by or ()] + [target.id]
        value = packed_event(target) if dated else target.name
        values = (
            select(value.label("value"))
            .select_from(link.join(target, target.id == other))
            .where(own == getattr(model, parent.key), *live(target))
            .order_by(*order)
        )
        return (joined(values, model, RECORD if dated else joiner),)

    return Cell(sql, (lambda text: event_labels(text, joiner)) if dated else None)


def joined(values: Select, model, separator: str):
    """The `value`s of `values` for the listed row joined into one text, in their order.

    The database joins them with the row: a lookup per row or per batch costs more.
    """
    rows = values.correlate(*model.__mapper__.tables).subquery()
    return select(_JoinedStrings(rows.c.value, separator)).scalar_subquery()


class _JoinedStrings(FunctionElement):
    """Texts joined by a separator, sent as a parameter: the download's statement runs as it
    is printed (`func.aggregate_strings` prints its separator as a placeholder to fill in)."""

    type = String()
    inherit_cache = True


@compiles(_JoinedStrings)
def _string_agg(element, compiler, **kw) -> str:
    return f"string_agg({compiler.process(element.clauses, **kw)})"


@compiles(_JoinedStrings, "sqlite")
def _group_concat(element, compiler, **kw) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


def packed_event(event):
    """An event's title and date parts as one text, for `event_label` to write."""
    parts = (event.date_start, event.date_end, event.date_precision)
    text = event.title
    for part in parts:
        text = text + literal(FIELD) + func.coalesce(cast(part, String), "")
    return text + literal(FIELD) + case((event.date_tentative, "1"), else_="0")


def live(model) -> tuple:
    """The condition that a record is not archived, for kinds that can be."""
    return (model.archived_at.is_(None),) if hasattr(model, "archived_at") else ()


def _referred(model, relationship: str):
    prop = getattr(model, relationship).property
    # Aliased: an event may name another event, of the table the list reads.
    target = aliased(prop.mapper.class_, flat=True)
    (local,) = prop.local_columns
    return target, getattr(model, local.key)


def name_of(record) -> str:
    return "" if record is None else str(record)


def yes_no(value) -> str:
    return "yes" if value else "no"


def iso_day(value) -> str:
    return value.isoformat() if value else ""


def plain_amount(value: Decimal | None) -> Decimal | None:
    """An amount in cents, kept a number: the download writes its decimal mark per separator."""
    return None if value is None else value.quantize(Decimal("0.01"))


@lru_cache(maxsize=8192)
def fuzzy_text(start, end, precision, tentative) -> str:
    # Few dates recur in many rows: each is written once.
    fuzzy = FuzzyDate.from_parts(start, end, precision, tentative)
    return fuzzy.format("en") if fuzzy else ""


@lru_cache(maxsize=8192)
def event_label(packed: str | None) -> str:
    """Name an event so that an import finds it again: its title and, if any, its date."""
    if not packed:
        return ""
    title, start, end, precision, tentative = packed.rsplit(FIELD, 4)
    if not start:
        return title
    when = fuzzy_text(_day(start), _day(end), precision or None, tentative == "1")
    return f"{title} ({when})"


def event_labels(packed: str | None, joiner: str) -> str:
    return joiner.join(event_label(one) for one in packed.split(RECORD)) if packed else ""


def _day(text: str) -> date | None:
    return date.fromisoformat(text[:10]) if text else None
