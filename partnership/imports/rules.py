"""What a new record gets where its row leaves a field empty, and rules across fields."""

from datetime import date

from flask_babel import gettext as _

from partnership.exchanges.models import ExchangeStatus
from partnership.imports.values import CellError
from partnership.visits.models import Direction, VisitStatus
from partnership.visits.services import set_programme


def constant(value):
    """Give every new record `value`."""
    return lambda values, refs: value


def needed(values, refs):
    """Refuse a new record without this field: no default would be right."""
    raise CellError(_("is needed for a new record."))


def host_from_direction(values, refs):
    """Guests come to the home city; when we travel, we are hosted by the partner city."""
    direction = values.get("Direction")
    host = refs.home_city() if direction is Direction.INCOMING else None
    if direction is Direction.OUTGOING:
        host = values.get("Partner city")
    if host is None or not hasattr(host, "is_home"):
        raise CellError(_("is needed: give the host city, or the direction and partner city."))
    return host


def direction_from_host(values, refs):
    """Call a visit hosted by the home city incoming, any other outgoing."""
    host = values.get("Host city")
    if not hasattr(host, "is_home"):
        raise CellError(_("is needed: write incoming or outgoing."))
    return Direction.INCOMING if host.is_home else Direction.OUTGOING


def status_from_date(values, refs):
    """Take a visit whose dates are past as done, a later one as planned."""
    when = values.get("Date")
    return VisitStatus.DONE if when and when.end < date.today() else VisitStatus.PLANNED


def realised_exchange(values: dict) -> None:
    """An exchange that took place as a visit is realised, as on the exchange form."""
    if values.get("Took place as") is not None:
        values["Status"] = ExchangeStatus.REALISED


def programme_lines(visit) -> tuple[str, ...]:
    return tuple(item.description for item in visit.programme)


def set_programme_lines(visit, lines) -> None:
    set_programme(visit, "\n".join(lines))
