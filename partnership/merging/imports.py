"""Warn, row by row, when an import would add a record that is likely already there.

The import has loaded every record of its kind to match rows (see imports/matching.py); the
warnings compare against those same records, so a file of 10,000 rows asks nothing more.
"""

from flask_babel import gettext as _

from partnership.merging.duplicates import name_keys
from partnership.records.entity import Entity


def _keys(name: str | None, email: str | None = None) -> set[str]:
    keys = name_keys(name)
    if email and email.strip():
        # Kept apart from names: no name folds to a text starting with "@".
        keys.add("@" + email.strip().lower())
    return keys


def warn_of_duplicates(entity: Entity, records, rows, new_status: str) -> None:
    """Add to each new row of `rows` a warning naming the records of `records` it may repeat."""
    if entity.duplicates is None:
        return
    known: dict[str, list] = {}
    for record in records:
        for key in _keys(record.name, getattr(record, "email", None)):
            known.setdefault(key, []).append(record)
    for row in rows:
        if row.status != new_status:
            continue
        found = []
        for key in _keys(row.values.get("Name"), row.values.get("Email")):
            found += [record for record in known.get(key, ()) if record not in found]
        if found:
            row.warnings.append(
                _(
                    "Row %(row)d may repeat a record already there: %(names)s. It will be "
                    "imported as a new record; merge the two afterwards if they are the same.",
                    row=row.number,
                    names=", ".join(f"“{record}”" for record in found[:5]),
                )
            )
