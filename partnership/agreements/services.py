"""Write agreements and their parties from plain values."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import func, select

from partnership.agreements.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from partnership.events.services import (
    EventValues,
    check_event_fields,
    enum_member,
    gone,
    too_long,
    write_event_fields,
)
from partnership.extensions import db
from partnership.partners.models import City, Organisation
from partnership.records.values import Invalid, existing
from partnership.visits.models import Visit

DOCUMENT_URL_LENGTH = 1000


@dataclass(kw_only=True)
class AgreementValues(EventValues):
    agreement_kind: AgreementKind = AgreementKind.OTHER
    status: AgreementStatus = AgreementStatus.SIGNED
    # The parties: cities and organisations, at least two in all.
    party_city_ids: list[int] = field(default_factory=list)
    party_organisation_ids: list[int] = field(default_factory=list)
    signed_during_id: int | None = None
    valid_until: date | None = None
    document_url: str = ""


def read_agreement(agreement: Agreement) -> AgreementValues:
    return AgreementValues(
        title=agreement.title,
        date=agreement.date,
        partner_city_id=agreement.partner_city_id,
        summary=agreement.summary,
        topic_ids=[topic.id for topic in agreement.topics],
        notes=agreement.notes,
        agreement_kind=agreement.agreement_kind,
        status=agreement.status,
        party_city_ids=[p.city_id for p in agreement.parties if p.city_id],
        party_organisation_ids=[p.organisation_id for p in agreement.parties if p.organisation_id],
        signed_during_id=agreement.signed_during_id,
        valid_until=agreement.valid_until,
        document_url=agreement.document_url,
    )


def is_web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def agreement_errors(values: AgreementValues) -> dict[str, str]:
    """Return what is wrong with `values` before anything is looked up."""
    errors = check_event_fields(values)
    city_ids = list(dict.fromkeys(values.party_city_ids or ()))
    organisation_ids = list(dict.fromkeys(values.party_organisation_ids or ()))
    if len(city_ids) + len(organisation_ids) < 2:
        errors["party_organisation_ids"] = _(
            "An agreement needs at least two parties (cities or organisations)."
        )
    if values.valid_until and values.date and values.valid_until < values.date.start:
        errors["valid_until"] = _("The agreement cannot end before it was signed.")
    document_url = (values.document_url or "").strip()
    if len(document_url) > DOCUMENT_URL_LENGTH:
        errors["document_url"] = too_long(DOCUMENT_URL_LENGTH)
    elif document_url and not is_web_address(document_url):
        errors["document_url"] = _("Enter a web address starting with http:// or https://.")
    return errors


def _all_exist(model, ids: list[int]) -> bool:
    if not ids:
        return True
    found = db.session.scalar(select(func.count()).select_from(model).where(model.id.in_(ids)))
    return found == len(ids)


def save_agreement(agreement: Agreement, values: AgreementValues) -> None:
    errors = agreement_errors(values)
    kind = enum_member(AgreementKind, values.agreement_kind, "agreement_kind", errors)
    status = enum_member(AgreementStatus, values.status, "status", errors)
    if errors:
        raise Invalid(errors)
    city_ids = list(dict.fromkeys(values.party_city_ids or ()))
    organisation_ids = list(dict.fromkeys(values.party_organisation_ids or ()))
    if not _all_exist(City, city_ids):
        raise Invalid({"party_city_ids": gone()})
    if not _all_exist(Organisation, organisation_ids):
        raise Invalid({"party_organisation_ids": gone()})
    existing(Visit, values.signed_during_id, "signed_during_id", gone())
    write_event_fields(agreement, values)
    agreement.agreement_kind = kind
    agreement.status = status
    agreement.signed_during_id = values.signed_during_id
    agreement.valid_until = values.valid_until
    agreement.document_url = (values.document_url or "").strip()
    set_parties(agreement, city_ids, organisation_ids)


def set_parties(agreement: Agreement, city_ids: list[int], organisation_ids: list[int]) -> None:
    """Make exactly these cities and organisations the parties, keeping existing rows."""
    wanted = [("city", i) for i in city_ids] + [("organisation", i) for i in organisation_ids]
    current = {
        ("city", p.city_id) if p.city_id else ("organisation", p.organisation_id): p
        for p in agreement.parties
    }
    agreement.parties = [
        current.get(key) or AgreementParty(**{f"{key[0]}_id": key[1]}) for key in wanted
    ]
