"""What stored choices read as on the page: one translated label per enum value.

Values stay English in the database and in URLs; only their labels follow the interface
language. Labels are lower case, as they read inside a sentence or a fact list.
"""

import enum

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from partnership.agreements.models import AgreementKind, AgreementStatus
from partnership.auth.models import Role
from partnership.events.models import MilestoneKind
from partnership.exchanges.models import ExchangeKind, ExchangeStatus
from partnership.funding.models import ParticipantOrigin
from partnership.partners.models import OrganisationKind, PartnershipKind, PartnershipStatus
from partnership.visits.models import Direction, VisitStatus

# Keyed by enum class first: "planned" is a value of several enums, which compare equal as str.
LABELS = {
    PartnershipKind: {
        "twinning": _l("twinning"),
        "friendship": _l("friendship"),
        "project": _l("project"),
        "solidarity": _l("solidarity"),
    },
    PartnershipStatus: {
        "planned": _l("planned"),
        "active": _l("active"),
        "suspended": _l("suspended"),
        "ended": _l("ended"),
    },
    OrganisationKind: {
        "city administration": _l("city administration"),
        "city department": _l("city department"),
        "NGO": _l("NGO"),
        "company": _l("company"),
        "funder": _l("funder"),
        "school": _l("school"),
        "university": _l("university"),
        "media": _l("media"),
        "other": _l("other"),
    },
    Direction: {
        "incoming": _l("incoming"),
        "outgoing": _l("outgoing"),
    },
    VisitStatus: {
        "planned": _l("planned"),
        "confirmed": _l("confirmed"),
        "done": _l("done"),
        "cancelled": _l("cancelled"),
    },
    AgreementKind: {
        "memorandum of understanding": _l("memorandum of understanding"),
        "cooperation agreement": _l("cooperation agreement"),
        "partnership agreement": _l("partnership agreement"),
        "charter": _l("charter"),
        "other": _l("other"),
    },
    AgreementStatus: {
        "draft": _l("draft"),
        "signed": _l("signed"),
        "expired": _l("expired"),
        "terminated": _l("terminated"),
    },
    ExchangeKind: {
        "youth exchange": _l("youth exchange"),
        "school exchange": _l("school exchange"),
        "study trip": _l("study trip"),
        "expert exchange": _l("expert exchange"),
        "cultural exchange": _l("cultural exchange"),
        "other": _l("other"),
    },
    ExchangeStatus: {
        "idea": _l("idea"),
        "planned": _l("planned"),
        "confirmed": _l("confirmed"),
        "realised": _l("realised"),
        "cancelled": _l("cancelled"),
    },
    MilestoneKind: {
        "meeting": _l("meeting"),
        "council decision": _l("council decision"),
        "ceremony": _l("ceremony"),
        "other": _l("other"),
    },
    ParticipantOrigin: {
        "local": _l("local"),
        "international": _l("invited from abroad"),
    },
    Role: {
        "viewer": _l("viewer"),
        "editor": _l("editor"),
        "admin": _l("admin"),
    },
}


def label(value) -> str:
    """Return what an enum value reads as in the interface language; other values unchanged."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        found = LABELS.get(type(value), {}).get(value.value)
        return str(found) if found is not None else str(value.value)
    return value


def capitalised(text) -> str:
    """Return `text` with its first letter in upper case, as a choice in a list starts."""
    text = str(text)
    return text[:1].upper() + text[1:]


def choice_label(value: enum.Enum) -> LazyString:
    """Return the label of a choice in a select list, read in the language of each request."""
    return LazyString(lambda: capitalised(label(value)))
