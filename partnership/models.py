"""Import every model so metadata, migrations and relationships see the whole schema."""

from partnership.agreements.models import Agreement, AgreementParty
from partnership.auth.models import User
from partnership.events.models import Event, Milestone, Topic
from partnership.exchanges.models import PlannedExchange
from partnership.funding.models import Grant, GrantEvent, Programme
from partnership.partners.models import City, CityName, Organisation, Partnership
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Delegation, DelegationMember, ProgrammeItem, Visit

__all__ = [
    "Agreement",
    "AgreementParty",
    "City",
    "CityName",
    "Contact",
    "Delegation",
    "DelegationMember",
    "Event",
    "Grant",
    "GrantEvent",
    "Milestone",
    "Organisation",
    "Partnership",
    "PlannedExchange",
    "PressArticle",
    "Programme",
    "ProgrammeItem",
    "Topic",
    "User",
    "Visit",
]
