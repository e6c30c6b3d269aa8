"""Countries by name: stored as ISO 3166 codes, read and written by name in German or English.

The names come from Babel's locale data (the Unicode CLDR), so a country reads "Frankreich" to
a German reader and "France" to an English one; either name, or the code, finds it again.
"""

from functools import cache

from babel import Locale

from partnership.i18n import DEFAULT_LANGUAGE, LANGUAGES, current_language
from partnership.text import search_key

# Two-letter codes the locale data names that are no country: unions and zones, pseudo-locales,
# "unknown region", and ISO's exceptionally reserved codes for parts of a country. Kosovo (XK)
# has no ISO code of its own yet is written XK by everyone, the EU included: it stays.
NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "EA", "IC", "DG", "CP", "CQ", "AC", "TA"}
)

# Names an office writes that the locale data does not use (older, shorter or everyday names).
OTHER_NAMES = {
    "UK": "GB",
    "Great Britain": "GB",
    "Großbritannien": "GB",
    "England": "GB",
    "USA": "US",
    "United States of America": "US",
    "Vereinigte Staaten von Amerika": "US",
    "Turkey": "TR",
    "Czech Republic": "CZ",
    "Tschechische Republik": "CZ",
    "Weißrussland": "BY",
    "Moldau": "MD",
    "Moldawien": "MD",
    "Republic of Moldova": "MD",
    "Holland": "NL",
    "Macedonia": "MK",
    "Mazedonien": "MK",
    "Ivory Coast": "CI",
    "Elfenbeinküste": "CI",
    "Swaziland": "SZ",
    "Palestine": "PS",
    "Palästina": "PS",
    "Vatican": "VA",
    "Vatikan": "VA",
    "Hongkong": "HK",
    "Hong Kong": "HK",
    "Macao": "MO",
    "Macau": "MO",
    "Burma": "MM",
    "Birma": "MM",
}


def fold(text: str | None) -> str:
    """Fold a name as names are compared: case, accents and the kind of apostrophe aside."""
    return search_key(text).replace("’", "'")


@cache
def names_in(language: str) -> dict[str, str]:
    """Return every country's name in `language`, by its two-letter code."""
    territories = Locale.parse(language).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


COUNTRY_CODES = frozenset(names_in(DEFAULT_LANGUAGE))


def normal_code(code: str | None) -> str:
    return (code or "").strip().upper()


def is_country_code(code: str | None) -> bool:
    return normal_code(code) in COUNTRY_CODES


def country_name(code: str | None, language: str | None = None) -> str:
    """Name a country in the reader's language: 'FR' reads 'France' or 'Frankreich'.

    A code no country has is shown as it is stored, so nothing saved disappears from a page.
    """
    if not code:
        return ""
    return names_in(language or current_language()).get(normal_code(code), code)


@cache
def _codes_by_key() -> dict[str, str]:
    """Map the folded names (in every interface language, and the usual other names) and the
    folded codes to the code."""
    found = {fold(name): code for name, code in OTHER_NAMES.items()}
    for language in LANGUAGES:
        found.update({fold(name): code for code, name in names_in(language).items()})
    found.update({fold(code): code for code in COUNTRY_CODES})
    return found


def code_for(text: str | None) -> str | None:
    """Return the code of the country `text` names exactly: its code, or its name in German or
    English (in any case, with or without accents); None if it names none."""
    return _codes_by_key().get(fold(text))


@cache
def search_names() -> dict[str, tuple[str, ...]]:
    """Every country's folded names in every interface language and its other names, by code."""
    names: dict[str, list[str]] = {code: [] for code in COUNTRY_CODES}
    for language in LANGUAGES:
        for code, name in names_in(language).items():
            names[code].append(fold(name))
    for name, code in OTHER_NAMES.items():
        names[code].append(fold(name))
    return {code: tuple(dict.fromkeys(keys)) for code, keys in names.items()}
