"""A fuzzy date, and the error that explains why a typed date cannot be read."""

import datetime
from dataclasses import dataclass

from partnership.fuzzydate.formatting import MONTH_NAMES, TENTATIVE_PREFIX, format_span
from partnership.fuzzydate.periods import Precision, period_end


def N_(message: str) -> str:
    """Mark a message for the translation catalogue; whoever shows it translates it."""
    return message


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
        return self.end != period_end(self.start, self.precision)

    def format(self, lang: str = "en") -> str:
        """Write the date at its own precision in English ("en"), German ("de") or Ukrainian
        ("uk")."""
        if lang not in MONTH_NAMES:
            raise ValueError(f"Unknown language {lang!r}; use 'en', 'de' or 'uk'.")
        text = format_span(self.start, self.end, self.precision, lang)
        return TENTATIVE_PREFIX[lang] + text if self.tentative else text

    def __str__(self) -> str:
        return self.format("en")

    @classmethod
    def from_parts(cls, start, end, precision, tentative=False) -> "FuzzyDate | None":
        """Rebuild a fuzzy date from stored columns; None when there is no start."""
        if start is None:
            return None
        return cls(start, end or start, Precision(precision or Precision.DAY), bool(tentative))


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
