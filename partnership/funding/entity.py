"""The funding area described once for every shared feature."""

from flask_babel import lazy_gettext as _l

from partnership.funding.models import ParticipantOrigin
from partnership.labels import describe_values

describe_values(
    ParticipantOrigin,
    {
        "local": _l("local"),
        "international": _l("invited from abroad"),
    },
)
