"""Find records that are likely already there: the same person, organisation or city again.

Names compare folded: case and accents (`search_key`), and Cyrillic letters written in Latin
ones ("Світлана" finds "Svitlana"), so a name typed in another script still finds its record.
Each check is one bounded query (a few rows), run by the database, never a loop over a table.
"""

from collections.abc import Iterable

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.partners.models import SEARCH_KEY_LENGTH, City, CityName, Organisation
from partnership.partners.services import parse_other_names
from partnership.people.models import Contact
from partnership.text import search_key

# At most this many likely duplicates are offered; more would not be "the one already there".
SHOWN = 5
# Namesakes read to find those SHOWN: a contact's folded text starts with its name, so "Anna"
# also reads "Anna Schmidt"; shortest names first keeps the true namesakes among them.
READ = 50

# Ukrainian letters by the national romanisation of 2010 (the one passports use: "Zhytomyr",
# "Svitlana Olshanska"), with the Russian letters Ukrainian lacks.
LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "ы": "y", "э": "e", "ё": "e", "ъ": "", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
# At the start of a word these letters are written as they sound: "Yurii", "Yevhen".
WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def latin(text: str) -> str:
    """Write Cyrillic letters of `text` in Latin ones; other letters stay as they are."""
    written = []
    previous = " "
    for char in text.lower():
        if not previous.isalpha() and char in WORD_START:
            written.append(WORD_START[char])
        else:
            written.append(LATIN.get(char, char))
        previous = char
    return "".join(written)


def name_keys(name: str | None) -> set[str]:
    """Return the folded forms a name is compared by: as written, and in Latin letters."""
    keys = {search_key(name), search_key(latin(name or ""))}
    return {key[:SEARCH_KEY_LENGTH] for key in keys} - {""}


def _name_condition(model, keys: Iterable[str]):
    # The folded copy starts with the name (see Searchable): exactly it, or it and a space.
    column = model.search_text
    return or_(*(or_(column == key, column.startswith(key + " ", autoescape=True)) for key in keys))


def similar_contacts(values) -> list[Contact]:
    """Return contacts that are likely the person `values` describe: same name or e-mail."""
    keys = name_keys(values.name)
    email = (values.email or "").strip().lower()
    conditions = [_name_condition(Contact, keys)] if keys else []
    if email:
        conditions.append(func.lower(Contact.email) == email)
    if not conditions:
        return []
    rows = db.session.scalars(
        select(Contact)
        .options(selectinload(Contact.organisation))
        .where(or_(*conditions))
        .order_by(func.length(Contact.name), Contact.id)
        .limit(READ)
    ).all()
    found = [c for c in rows if name_keys(c.name) & keys or (email and c.email.lower() == email)]
    return found[:SHOWN]


def similar_organisations(values) -> list[Organisation]:
    """Return organisations called like `values.name`, folded."""
    keys = name_keys(values.name)
    if not keys:
        return []
    # An organisation's folded copy is its name alone, so equality finds it.
    return db.session.scalars(
        select(Organisation)
        .where(Organisation.search_text.in_(keys))
        .order_by(Organisation.id)
        .limit(SHOWN)
    ).all()


def similar_cities(values) -> list[City]:
    """Return cities known under the name or any of the other names `values` give."""
    keys = name_keys(values.name)
    for _language, other in parse_other_names(getattr(values, "other_names", "")):
        keys |= name_keys(other)
    if not keys:
        return []
    known = select(CityName.city_id).where(CityName.search_key.in_(keys))
    return db.session.scalars(
        select(City)
        .where(City.id.in_(known))
        .options(selectinload(City.names))
        .order_by(City.id)
        .limit(SHOWN)
    ).all()
