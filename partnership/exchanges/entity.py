"""The exchanges area described once for every shared feature."""

from flask_babel import lazy_gettext as _l

from partnership.exchanges.models import ExchangeKind, ExchangeStatus
from partnership.labels import describe_values

describe_values(
    ExchangeKind,
    {
        "youth exchange": _l("youth exchange"),
        "school exchange": _l("school exchange"),
        "study trip": _l("study trip"),
        "expert exchange": _l("expert exchange"),
        "cultural exchange": _l("cultural exchange"),
        "other": _l("other"),
    },
)

describe_values(
    ExchangeStatus,
    {
        "idea": _l("idea"),
        "planned": _l("planned"),
        "confirmed": _l("confirmed"),
        "realised": _l("realised"),
        "cancelled": _l("cancelled"),
    },
)
