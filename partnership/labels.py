"""What stored choices read as on the page: one translated label per enum value.

Values stay English in the database and in URLs; only their labels follow the interface
language. Labels are lower case, as they read inside a sentence or a fact list. Each area
describes its own enums (in its `entity.py`) with `describe_values`.
"""

import enum

from flask_babel import LazyString

from partnership.i18n import current_language

# Keyed by enum class first: "planned" is a value of several enums, which compare equal as str.
LABELS: dict[type[enum.Enum], dict[str, str | LazyString]] = {}
# The labels read in each language, by enum class: a list shows a few on every row, and each
# read through the catalogue cost several times the lookup of the language.
_READ: dict[str, dict[type[enum.Enum], dict[str, str]]] = {}


def describe_values(enum_class: type[enum.Enum], labels: dict[str, str | LazyString]) -> None:
    """Give every value of `enum_class` its label; a value left out would show raw."""
    missing = {member.value for member in enum_class} - set(labels)
    if missing:
        raise ValueError(f"{enum_class.__name__} has no label for {sorted(missing)}")
    LABELS[enum_class] = labels
    _READ.clear()


def label(value) -> str:
    """Return what an enum value reads as in the interface language; other values unchanged."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        # Keyed by the language of the moment, not of the request: a mail or a download may
        # be written in another one (`force_locale`).
        read = _READ.setdefault(current_language(), {})
        labels = read.get(type(value))
        if labels is None:
            described = LABELS.get(type(value), {})
            labels = read[type(value)] = {key: str(text) for key, text in described.items()}
        found = labels.get(value.value)
        return found if found is not None else str(value.value)
    return value


def capitalised(text) -> str:
    """Return `text` with its first letter in upper case, as a choice in a list starts."""
    text = str(text)
    return text[:1].upper() + text[1:]


def choice_label(value: enum.Enum) -> LazyString:
    """Return the label of a choice in a select list, read in the language of each request."""
    return LazyString(lambda: capitalised(label(value)))
