"""What a new record gets where its row leaves a field empty, and rules across fields.

The rules themselves belong to each kind of record (its services); these functions only read a
row's cells for them and say in the import's words when a row gives too little.
"""

from flask_babel import gettext as _

from partnership.exchanges.services import status_of
from partnership.imports.values import CellError
from partnership.visits.models import Direction
from partnership.visits.services import direction_for, host_for, set_programme, status_for


def constant(value):
    """Give every new record `value`."""
    return lambda values, refs: value


def needed(values, refs):
    """Refuse a new record without this field: no default would be right."""
    raise CellError(_("is needed for a new record."))


def host_from_direction(values, refs):
    """The host of a visit from its direction and partner city (see `host_for`)."""
    host = host_for(values.get("Direction"), values.get("Partner city"), refs.home_city())
    if host is None or not hasattr(host, "is_home"):
        raise CellError(_("is needed: give the host city, or the direction and partner city."))
    return host


def direction_from_host(values, refs) -> Direction:
    """The direction of a visit from its host city (see `direction_for`)."""
    host = values.get("Host city")
    if not hasattr(host, "is_home"):
        raise CellError(_("is needed: write incoming or outgoing."))
    return direction_for(host)


def status_from_date(values, refs):
    """The status of a visit from its dates (see `status_for`)."""
    return status_for(values.get("Date"))


def realised_exchange(values: dict) -> None:
    """Show the status an exchange is saved with once it names its visit (see `status_of`)."""
    if values.get("Took place as") is not None:
        values["Status"] = status_of(values.get("Status"), values["Took place as"])


def programme_lines(visit) -> tuple[str, ...]:
    return tuple(item.description for item in visit.programme)


def set_programme_lines(visit, lines) -> None:
    set_programme(visit, lines)
