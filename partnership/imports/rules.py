"""What a new record gets where its row leaves a field empty: rules any kind can use.

Rules of one kind of record (a visit's host from its direction...) are that kind's own, beside
its import columns.
"""

from flask_babel import gettext as _

from partnership.imports.values import CellError


def constant(value):
    """Give every new record `value`."""
    return lambda values, refs: value


def needed(values, refs):
    """Refuse a new record without this field: no default would be right."""
    raise CellError(_("is needed for a new record."))
