"""Import every model so metadata, migrations and relationships see the whole schema."""

from partnership import archive, history  # noqa: F401  (archive filter, change recorder)
from partnership.agreements.models import Agreement, AgreementParty
from partnership.aid.models import AidDelivery
from partnership.api.models import ApiToken
from partnership.audit.models import AuditEntry
from partnership.auth.models import LoginAttempt, User
from partnership.auth.sessions import UserSession
from partnership.documents.models import Document
from partnership.events.models import Event, EventText, Milestone, Topic
from partnership.exchanges.models import PlannedExchange
from partnership.funding.models import Grant, GrantEvent, ParticipantDay, Programme
from partnership.history import recorder  # noqa: F401
from partnership.history.models import Change
from partnership.merging.models import RecordMerge
from partnership.once import SubmittedForm
from partnership.partner_access.models import PartnerInvitation
from partnership.partners.models import City, CityName, Organisation, Partnership
from partnership.people.models import Contact, ContactRole
from partnership.press.models import PressArticle
from partnership.stages.models import PartnershipStage
from partnership.visits.models import Delegation, DelegationMember, ProgrammeItem, Visit

__all__ = [
    "ApiToken",
    "PartnerInvitation",
    "ParticipantDay",
    "Document",
    "PartnershipStage",
    "ContactRole",
    "RecordMerge",
    "EventText",
    "AidDelivery",
    "Agreement",
    "AuditEntry",
    "AgreementParty",
    "Change",
    "City",
    "CityName",
    "Contact",
    "Delegation",
    "DelegationMember",
    "Event",
    "Grant",
    "LoginAttempt",
    "GrantEvent",
    "Milestone",
    "Organisation",
    "Partnership",
    "PlannedExchange",
    "PressArticle",
    "Programme",
    "ProgrammeItem",
    "SubmittedForm",
    "Topic",
    "User",
    "UserSession",
    "Visit",
]
