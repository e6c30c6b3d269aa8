"""Write agreements and their parties."""

from partnership.agreements.models import Agreement, AgreementParty
from partnership.events.services import load_event_form, save_event_basics


def set_parties(agreement: Agreement, city_ids: list[int], organisation_ids: list[int]) -> None:
    """Make exactly these cities and organisations the parties, keeping existing rows."""
    wanted = [("city", i) for i in city_ids] + [("organisation", i) for i in organisation_ids]
    existing = {
        ("city", p.city_id) if p.city_id else ("organisation", p.organisation_id): p
        for p in agreement.parties
    }
    agreement.parties = [
        existing.get(key) or AgreementParty(**{f"{key[0]}_id": key[1]}) for key in wanted
    ]


def save_agreement(agreement: Agreement, form) -> None:
    save_event_basics(agreement, form)
    agreement.agreement_kind = form.agreement_kind.data
    agreement.status = form.status.data
    agreement.signed_during_id = form.signed_during_id.data
    agreement.valid_until = form.valid_until.data
    agreement.document_url = form.document_url.data or ""
    set_parties(agreement, form.party_city_ids.data or [], form.party_organisation_ids.data or [])


def load_agreement_form(agreement: Agreement, form) -> None:
    load_event_form(agreement, form)
    form.party_city_ids.data = [p.city_id for p in agreement.parties if p.city_id]
    form.party_organisation_ids.data = [
        p.organisation_id for p in agreement.parties if p.organisation_id
    ]
