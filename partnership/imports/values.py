"""How one spreadsheet cell is read into a field value, and written back out the same way.

Each kind reads the text of a cell (already stripped, never empty) and raises `CellError` with
a message for the person who typed it; `write` gives the text an export puts in the cell, which
`read` turns back into the same value, so an exported file imports without changes.
"""

import enum
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from partnership.csvfile import FORMULA_TRIGGERS
from partnership.fuzzydate import FuzzyDate, FuzzyDateError, Precision, parse_fuzzy_date
from partnership.i18n import current_language
from partnership.imports.words import allowed_labels, label_words
from partnership.text import search_key

YES = ("yes", "y", "ja", "j", "true", "wahr", "1", "x", "✓")
NO = ("no", "n", "nein", "false", "falsch", "0", "-")


class CellError(ValueError):
    """A cell that cannot be read; str() says what is wrong, for the person who typed it."""


def plain(text: str) -> str:
    """Undo the apostrophe an export puts before text that a spreadsheet would run as formula."""
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_TRIGGERS:
        return text[1:]
    return text


@dataclass(frozen=True)
class Text:
    max_length: int
    empty = ""

    def read(self, text: str, refs) -> str:
        if len(text) > self.max_length:
            raise CellError(_("is longer than %(count)d characters.", count=self.max_length))
        return text

    def write(self, value) -> str:
        return value or ""


@dataclass(frozen=True)
class Email(Text):
    max_length: int = 254

    def read(self, text: str, refs) -> str:
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError as error:
            raise CellError(_("is not an email address like name@example.org.")) from error
        return super().read(text, refs)


@dataclass(frozen=True)
class WebAddress(Text):
    max_length: int = 1000

    def read(self, text: str, refs) -> str:
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise CellError(_("is not a web address starting with http:// or https://."))
        return super().read(text, refs)


@dataclass(frozen=True)
class Choice:
    """One of an enum's values, typed in English or with a German word for it."""

    enum_class: type[enum.Enum]
    words: dict[str, str] = field(default_factory=dict)
    empty = None

    def read(self, text: str, refs):
        key = search_key(text)
        for member in self.enum_class:
            if search_key(member.value) == key:
                return member
        if (value := self.words.get(key) or label_words(self.enum_class).get(key)) is not None:
            return self.enum_class(value)
        raise CellError(_("is not one of: %(allowed)s.", allowed=allowed_labels(self.enum_class)))

    def write(self, value) -> str:
        return value.value if value is not None else ""


@dataclass(frozen=True)
class Flag:
    empty = False

    def read(self, text: str, refs) -> bool:
        key = search_key(text)
        if key in YES:
            return True
        if key in NO:
            return False
        raise CellError(_("should be yes or no (ja or nein)."))

    def write(self, value) -> str:
        return "yes" if value else "no"


@dataclass(frozen=True)
class Count:
    low: int
    high: int
    empty = None

    def read(self, text: str, refs) -> int:
        digits = text.removesuffix(".0")
        if not digits.isdigit():
            raise CellError(_("should be a whole number."))
        number = int(digits)
        if not self.low <= number <= self.high:
            raise CellError(
                _("should be between %(low)d and %(high)d.", low=self.low, high=self.high)
            )
        return number

    def write(self, value) -> str:
        return "" if value is None else str(value)


@dataclass(frozen=True)
class When:
    """A fuzzy date, typed as people write it."""

    empty = None

    def read(self, text: str, refs) -> FuzzyDate:
        try:
            return parse_fuzzy_date(text)
        except FuzzyDateError as error:
            # In the reader's language, as a form says it.
            message = _(error.template, **error.params_for(current_language()))
            raise CellError(message) from error

    def write(self, value: FuzzyDate | None) -> str:
        return value.format("en") if value else ""


@dataclass(frozen=True)
class Day:
    """One calendar day, typed as people write it (24.09.2023, 2023-09-24, 24 Sep 2023)."""

    empty = None

    def read(self, text: str, refs) -> date:
        fuzzy = When().read(text, refs)
        if fuzzy.precision is not Precision.DAY or fuzzy.is_range or fuzzy.tentative:
            raise CellError(_("should be one day, e.g. 24.09.2023."))
        return fuzzy.start

    def write(self, value: date | None) -> str:
        return value.isoformat() if value else ""


@dataclass(frozen=True)
class Lines:
    """Several short texts in one cell, one per line (a visit's programme)."""

    max_length: int
    empty = ()

    def read(self, text: str, refs) -> tuple[str, ...]:
        lines = tuple(line.strip() for line in text.splitlines() if line.strip())
        if any(len(line) > self.max_length for line in lines):
            raise CellError(
                _("has a line longer than %(count)d characters.", count=self.max_length)
            )
        return lines

    def write(self, value) -> str:
        return "\n".join(value or ())


@dataclass(frozen=True)
class Ref:
    """Another record, named the way people name it: a city under any of its names."""

    kind: str
    empty = None

    def read(self, text: str, refs):
        return refs.find(self.kind, text)

    def write(self, value) -> str:
        return label(value) if value is not None else ""

    def as_value(self, record) -> int | None:
        return None if record is None else record.id


@dataclass(frozen=True)
class Refs:
    """Several other records in one cell, separated by `separator` or by line breaks."""

    kind: str
    separator: str
    joiner: str
    empty = ()

    def read(self, text: str, refs) -> tuple:
        names = [n.strip() for line in text.splitlines() for n in line.split(self.separator)]
        found = []
        for name in filter(None, names):
            record = refs.find(self.kind, name)
            if record not in found:
                found.append(record)
        return tuple(found)

    def write(self, value) -> str:
        return self.joiner.join(label(record) for record in value or ())

    def as_value(self, records) -> list[int]:
        return [record.id for record in records or ()]


def label(record) -> str:
    """Name a record so that `References.find` finds it again: events with their date."""
    fuzzy = getattr(record, "date", None)
    if hasattr(record, "title") and isinstance(fuzzy, FuzzyDate):
        return f"{record.title} ({fuzzy.format('en')})"
    return str(record)
