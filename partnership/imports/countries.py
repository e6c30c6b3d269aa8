"""A spreadsheet column holding a country: its ISO code, or its name in German or English."""

from dataclasses import dataclass

from flask_babel import gettext as _

from partnership.countries import code_for, country_name
from partnership.imports.values import CellError


@dataclass(frozen=True)
class Country:
    """Read "FR", "fr", "France" or "Frankreich" as FR; write the code, which machines read."""

    empty = ""

    def read(self, text: str, refs) -> str:
        code = code_for(text)
        if code is None:
            raise CellError(
                _(
                    "names no country. Write the two-letter ISO 3166 code, e.g. DE or UA, "
                    "or the country's name in German or English."
                )
            )
        return code

    def write(self, value: str | None) -> str:
        return value or ""

    def show(self, value: str | None) -> str:
        """The preview names the country in the reader's language."""
        return country_name(value)
