"""What a partner user may see: one partnership and the records that belong to it.

Every page of the portal reads through these functions, so a record of another partnership is
never loaded for a partner (it answers 404, as if it did not exist).
"""

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from partnership.auth.models import Role
from partnership.documents.models import Document, DocumentKind
from partnership.documents.services import documents_of, get_document
from partnership.events.models import Event
from partnership.events.queries import any_event, newest_first, with_event_details
from partnership.extensions import db
from partnership.partners.models import Partnership
from partnership.press.models import PressArticle, event_press_article
from partnership.stages.models import PartnershipStage
from partnership.visits.models import Delegation, Visit

# Signed participant lists hold people's names and signatures, receipts are funding: both stay
# with the home office, as do the participants and grants themselves.
HIDDEN_DOCUMENT_KINDS = (DocumentKind.SIGNED_LIST, DocumentKind.RECEIPT)


def current_partnership() -> Partnership:
    """Return the partnership of the partner user; anyone else finds no page here (404)."""
    user = current_user
    if not user.is_authenticated or user.role is not Role.PARTNER or not user.partnership_id:
        abort(404)
    return db.session.get(Partnership, user.partnership_id) or abort(404)


def partnership_of(user) -> Partnership | None:
    """Return the partnership a partner user belongs to (None for the office's users)."""
    if user.role is not Role.PARTNER or not user.partnership_id:
        return None
    return db.session.get(Partnership, user.partnership_id)


def belongs_to(entity, partnership: Partnership):
    """The condition: the event is one of the partnership's (its partner city's, or a stage)."""
    stages = select(PartnershipStage.__table__.c.id).where(
        PartnershipStage.__table__.c.partnership_id == partnership.id
    )
    return or_(
        entity.partner_city_id == partnership.partner_city_id,
        entity.id.in_(stages.correlate(None)),
    )


def events_query(
    partnership: Partnership, kind: str | None = None, awaiting: bool = False
) -> Select:
    """The partnership's events of every kind (or of one), newest first; with `awaiting`,
    only those waiting for the office's confirmation."""
    event = any_event()
    query = select(event).where(belongs_to(event, partnership))
    if kind:
        query = query.where(event.kind == kind)
    if awaiting:
        query = query.where(event.awaiting_confirmation.is_(True))
    return with_event_details(query, event).order_by(*newest_first(event))


def event_ids(partnership: Partnership) -> Select:
    return select(Event.id).where(belongs_to(Event, partnership))


def find_event(partnership: Partnership, object_id: int) -> Event | None:
    event = any_event()
    query = select(event).where(event.id == object_id, belongs_to(event, partnership))
    return db.session.scalars(query).first()


def event_or_404(partnership: Partnership, object_id: int) -> Event:
    return find_event(partnership, object_id) or abort(404)


def delegations_query(partnership: Partnership) -> Select:
    """Delegations that came from the partner city or travelled on the partnership's visits."""
    visiting = select(Visit.delegation_id).where(
        Visit.delegation_id.is_not(None), belongs_to(Visit, partnership)
    )
    return (
        select(Delegation)
        .where(
            or_(
                Delegation.origin_city_id == partnership.partner_city_id,
                Delegation.id.in_(visiting),
            )
        )
        .options(selectinload(Delegation.origin_city), selectinload(Delegation.head))
        .order_by(Delegation.name, Delegation.id)
    )


def press_query(partnership: Partnership) -> Select:
    """Press articles that report one of the partnership's events, the latest first."""
    reporting = select(event_press_article.c.press_article_id).where(
        event_press_article.c.event_id.in_(event_ids(partnership))
    )
    return (
        select(PressArticle)
        .where(PressArticle.id.in_(reporting))
        .order_by(PressArticle.published_on.desc().nulls_last(), PressArticle.id.desc())
    )


def shown_documents(table_name: str, record_id: int) -> list[Document]:
    return [
        document
        for document in documents_of(table_name, record_id)
        if document.kind not in HIDDEN_DOCUMENT_KINDS
    ]


def document_or_404(partnership: Partnership, document_id: int) -> Document:
    """Return a document of the partnership or of one of its events that a partner may read."""
    document = get_document(document_id) or abort(404)
    if document.kind in HIDDEN_DOCUMENT_KINDS:
        abort(404)
    if document.table_name == "partnership" and document.record_id == partnership.id:
        return document
    if document.table_name == "event":
        event_or_404(partnership, document.record_id)
        return document
    abort(404)
