"""Timeline pages that cost the same on the first page and the thousandth."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select

from partnership.events.queries import any_event, with_event_details
from partnership.extensions import db
from partnership.routing import page_number


class TimelinePagination(Pagination):
    """Page through the events whose ids `ids` selects in timeline order.

    A deep page skips thousands of entries: skipping them in the index of ids, and loading
    the events of every kind for the page's ids only, keeps it as fast as the first page.
    """

    def _query_items(self) -> list:
        ids: Select = self._query_args["ids"]
        page_ids = db.session.scalars(ids.limit(self.per_page).offset(self._query_offset)).all()
        # The ids are a short list of values, so the database looks each event up by its key;
        # given as a subquery, SQLite would rather walk the whole timeline index.
        event = any_event()
        query = with_event_details(select(event).where(event.id.in_(page_ids)), event)
        position = {event_id: number for number, event_id in enumerate(page_ids)}
        return sorted(db.session.scalars(query), key=lambda found: position[found.id])

    def _query_count(self) -> int:
        ids: Select = self._query_args["ids"]
        return db.session.scalar(select(func.count()).select_from(ids.order_by(None).subquery()))


def paginate_timeline(ids: Select, per_page: int) -> TimelinePagination:
    """Return the page the request asks for; a page past the end is empty, not an error."""
    return TimelinePagination(ids=ids, page=page_number(), per_page=per_page, error_out=False)
