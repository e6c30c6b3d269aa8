"""Queries for agreements."""

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from partnership.agreements.models import Agreement, AgreementParty
from partnership.events.queries import event_list

_events_of_agreements = event_list(Agreement)


def agreement_list(text: str) -> Select:
    """Agreements newest first, with the parties their list names, searchable by text."""
    return _events_of_agreements(text).options(
        selectinload(Agreement.parties).selectinload(AgreementParty.city),
        selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
    )
