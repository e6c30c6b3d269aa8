"""The auth area described once for every shared feature."""

from flask_babel import lazy_gettext as _l

from partnership.auth.models import Role
from partnership.labels import describe_values

describe_values(
    Role,
    {
        "partner": _l("partner"),
        "viewer": _l("viewer"),
        "editor": _l("editor"),
        "admin": _l("admin"),
    },
)
