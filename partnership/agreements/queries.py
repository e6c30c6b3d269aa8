"""Queries for agreements."""

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from partnership.agreements.models import Agreement, AgreementParty
from partnership.events.queries import event_list

_events_of_agreements = event_list(Agreement)


def agreement_list(text: str) -> Select:
    """Agreements newest first, with the parties their list names, searchable by text."""
    # Each party's city or organisation joined in the parties' statement: loaded apart, a page
    # without an organisation among its parties sent one statement less than one with.
    parties = selectinload(Agreement.parties)
    return _events_of_agreements(text).options(
        parties.joinedload(AgreementParty.city), parties.joinedload(AgreementParty.organisation)
    )
