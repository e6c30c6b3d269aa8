"""What a partner user may see: one partnership and the records that belong to it.

Every page of the portal reads through these functions, so a record of another partnership is
never loaded for a partner (it answers 404, as if it did not exist).
"""

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, any_, func, select, union
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
    return entity.id.in_(partnership_event_ids(partnership))


def partnership_event_ids(partnership: Partnership):
    """The ids of the partnership's events, from two indexes (partner city, stages).

    Asked as an OR, PostgreSQL read every event, guessing that a fifth of them were the
    partnership's, and sorted that many; a union of ids reads the partnership's own rows.
    """
    events, stages = Event.__table__, PartnershipStage.__table__
    return union(
        select(events.c.id).where(events.c.partner_city_id == partnership.partner_city_id),
        select(stages.c.id).where(stages.c.partnership_id == partnership.id),
    )


def event_ids_query(
    partnership: Partnership, kind: str | None = None, awaiting: bool = False
) -> Select:
    """The ids of the partnership's events of every kind (or of one), newest first; with
    `awaiting`, only those waiting for the office's confirmation.

    Asked of the event table alone: sorting the events joined to every kind's table read
    whole rows of every kind before the page's few were kept (see `load_events`).
    """
    query = select(Event.id).where(belongs_to(Event, partnership))
    if kind:
        query = query.where(Event.kind == kind)
    if awaiting:
        query = query.where(Event.awaiting_confirmation.is_(True))
    return query.order_by(*newest_first())


def load_events(ids: list[int]) -> list[Event]:
    """The events of `ids`, of every kind, with what their lists show, in the order of ids."""
    if not ids:
        return []
    event = any_event()
    query = with_event_details(select(event).where(event.id.in_(ids)), event)
    return in_order(db.session.scalars(query).unique().all(), ids)


def latest_events(partnership: Partnership, limit: int, awaiting: bool = False) -> list[Event]:
    ids = db.session.scalars(event_ids_query(partnership, awaiting=awaiting).limit(limit)).all()
    return load_events(ids)


def in_order(records: list, ids: list[int]) -> list:
    position = {record_id: number for number, record_id in enumerate(ids)}
    return sorted(records, key=lambda record: position[record.id])


def find_event(partnership: Partnership, object_id: int) -> Event | None:
    event = any_event()
    query = select(event).where(event.id == object_id, belongs_to(event, partnership))
    return db.session.scalars(query).first()


def event_or_404(partnership: Partnership, object_id: int) -> Event:
    return find_event(partnership, object_id) or abort(404)


def by_id(column, ids: Select):
    """The condition: `column` is one of the ids `ids` selects, each looked up in its index.

    PostgreSQL joins `IN (subquery)` as it sees fit: for a partnership's few hundred ids it
    hashed them and read the whole table to match them. Handed the ids as an array, it looks
    each one up in the index. SQLite already looks an `IN` list's ids up one by one.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(func.array(ids.scalar_subquery()))
    return column.in_(ids)


def delegation_ids_query(partnership: Partnership) -> Select:
    """Delegations that came from the partner city or travelled on the partnership's visits,
    by name: the ids of each from its own index, then those few looked up and sorted.

    The partnership's visits are those of its partner city: its stages are no visits.
    """
    delegations, visits, events = Delegation.__table__, Visit.__table__, Event.__table__
    city = partnership.partner_city_id
    partner_events = select(events.c.id).where(events.c.partner_city_id == city)
    ids = union(
        select(delegations.c.id).where(delegations.c.origin_city_id == city),
        select(visits.c.delegation_id).where(
            by_id(visits.c.id, partner_events), visits.c.delegation_id.is_not(None)
        ),
    )
    return (
        select(Delegation.id)
        .where(by_id(Delegation.id, ids))
        .order_by(Delegation.name, Delegation.id)
    )


def load_delegations(ids: list[int]) -> list[Delegation]:
    query = (
        select(Delegation)
        .where(Delegation.id.in_(ids))
        .options(selectinload(Delegation.origin_city), selectinload(Delegation.head))
    )
    return in_order(db.session.scalars(query).all(), ids) if ids else []


def press_ids_query(partnership: Partnership) -> Select:
    """Press articles that report one of the partnership's events, the latest first."""
    reporting = select(event_press_article.c.press_article_id).where(
        by_id(event_press_article.c.event_id, partnership_event_ids(partnership))
    )
    return (
        select(PressArticle.id)
        .where(by_id(PressArticle.id, reporting))
        .order_by(PressArticle.published_on.desc().nulls_last(), PressArticle.id.desc())
    )


def load_press(ids: list[int]) -> list[PressArticle]:
    query = select(PressArticle).where(PressArticle.id.in_(ids))
    return in_order(db.session.scalars(query).all(), ids) if ids else []


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
