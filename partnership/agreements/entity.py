"""The agreements area described once for every shared feature."""

from flask_babel import lazy_gettext as _l

from partnership.agreements.models import AgreementKind, AgreementStatus
from partnership.labels import describe_values

describe_values(
    AgreementKind,
    {
        "memorandum of understanding": _l("memorandum of understanding"),
        "cooperation agreement": _l("cooperation agreement"),
        "partnership agreement": _l("partnership agreement"),
        "charter": _l("charter"),
        "other": _l("other"),
    },
)

describe_values(
    AgreementStatus,
    {
        "draft": _l("draft"),
        "signed": _l("signed"),
        "expired": _l("expired"),
        "terminated": _l("terminated"),
    },
)
