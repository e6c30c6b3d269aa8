"""Countries as a lookup source: found by their name in German or English or by their code.

A country is no row of a table: the list is the locale data's, a few hundred names searched
in memory, so every answer is as bounded as a table's.
"""

from dataclasses import dataclass

from partnership.countries import (
    COUNTRY_CODES,
    code_for,
    country_name,
    fold,
    normal_code,
    search_names,
)
from partnership.lookup.sources import (
    CANDIDATE_LIMIT,
    LOOKUP_LIMIT,
    Resolution,
    Source,
    register,
)


@dataclass(frozen=True)
class Country:
    """A country as a choice: its code is its id, its name the reader's language's."""

    code: str

    @property
    def id(self) -> str:
        return self.code

    def __str__(self) -> str:
        return country_name(self.code)


class CountrySource(Source):
    name = "country"

    def read_id(self, value) -> str:
        code = normal_code(str(value))
        if code not in COUNTRY_CODES:
            raise ValueError(f"not a country code: {code[:20]!r}")
        return code

    def _in_order(self) -> list[Country]:
        """Every country, ordered by its name in the reader's language."""
        return sorted((Country(code) for code in COUNTRY_CODES), key=lambda c: fold(str(c)))

    def hits(self, text: str, limit: int = LOOKUP_LIMIT) -> tuple[list, bool]:
        """Return up to `limit` countries matching `text`: the one it names exactly first,
        then those with a name starting with it, then those with a name containing it."""
        key = fold(text)
        countries = self._in_order()
        if key:
            names = search_names()
            exact = code_for(text)
            others = [c for c in countries if c.code != exact]
            starting = [c for c in others if any(n.startswith(key) for n in names[c.code])]
            first = {c.code for c in starting}
            containing = [
                c for c in others if c.code not in first and any(key in n for n in names[c.code])
            ]
            countries = ([Country(exact)] if exact else []) + starting + containing
        return countries[:limit], len(countries) > limit

    def records(self, ids) -> dict[str, Country]:
        return {code: Country(code) for code in ids if code in COUNTRY_CODES}

    def resolve(self, text: str, hints=()) -> Resolution:
        """The country `text` names exactly, else the countries to offer instead."""
        code = code_for(text)
        if code is not None:
            return Resolution(Country(code))
        return Resolution(candidates=tuple(self.hits(text, CANDIDATE_LIMIT)[0]))

    def describe(self, record: Country) -> dict:
        return {"id": record.code, "label": str(record), "detail": record.code}


COUNTRIES = register(CountrySource())
