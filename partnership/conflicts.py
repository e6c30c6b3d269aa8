"""Show what changed when two people edited the same record, so nobody's input is lost."""

from dataclasses import dataclass

from flask_babel import gettext as _
from wtforms import Field

SKIPPED_TYPES = {"CSRFTokenField", "HiddenField"}


@dataclass(frozen=True)
class Difference:
    label: str
    saved: str
    yours: str


def shown(field: Field) -> str:
    """Return a field's value as a person reads it (choice labels, yes/no)."""
    if field.type == "BooleanField":
        return _("yes") if field.data else _("no")
    if hasattr(field, "iter_choices"):
        chosen = [str(choice[1]) for choice in field.iter_choices() if choice[2]]
        return ", ".join(label for label in chosen if label != "—")
    return str(field._value() or "").strip()


def differences(saved, submitted) -> list[Difference]:
    """Compare the form filled from the saved record with the submitted one, field by field."""
    found = []
    for field in submitted:
        if field.type in SKIPPED_TYPES or field.name not in saved:
            continue
        theirs, yours = shown(saved[field.name]), shown(field)
        if theirs != yours:
            found.append(Difference(str(field.label.text), theirs, yours))
    return found
