"""The events area described once for every shared feature."""

from flask_babel import lazy_gettext as _l

from partnership.events.models import MilestoneKind
from partnership.labels import describe_values

describe_values(
    MilestoneKind,
    {
        "meeting": _l("meeting"),
        "council decision": _l("council decision"),
        "ceremony": _l("ceremony"),
        "other": _l("other"),
    },
)
