"""The visits area described once for every shared feature."""

from flask_babel import lazy_gettext as _l

from partnership.labels import describe_values
from partnership.visits.models import Direction, VisitStatus

describe_values(
    Direction,
    {
        "incoming": _l("incoming"),
        "outgoing": _l("outgoing"),
    },
)

describe_values(
    VisitStatus,
    {
        "planned": _l("planned"),
        "confirmed": _l("confirmed"),
        "done": _l("done"),
        "cancelled": _l("cancelled"),
    },
)
