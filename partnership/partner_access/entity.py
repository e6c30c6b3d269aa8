"""The labels of an invitation's states, for every page that shows them."""

from flask_babel import lazy_gettext as _l

from partnership.labels import describe_values
from partnership.partner_access.models import InvitationState

describe_values(
    InvitationState,
    {
        "open": _l("open"),
        "accepted": _l("accepted"),
        "withdrawn": _l("withdrawn"),
        "expired": _l("expired"),
    },
)
