"""Timeline pages that cost the same on the first page and the thousandth."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select

from partnership.events.queries import any_event, chronological, with_event_details
from partnership.extensions import db


class TimelinePagination(Pagination):
    """Page through the events whose ids `ids` selects in timeline order.

    A deep page skips thousands of entries: skipping them in the index of ids, and loading
    the events of every kind for the page's ids only, keeps it as fast as the first page.
    """

    def _query_items(self) -> list:
        ids: Select = self._query_args["ids"]
        page = ids.limit(self.per_page).offset(self._query_offset)
        page_ids = page.correlate(None).scalar_subquery()
        event = any_event()
        query = select(event).where(event.id.in_(page_ids)).order_by(*chronological(event))
        return list(db.session.scalars(with_event_details(query, event)))

    def _query_count(self) -> int:
        ids: Select = self._query_args["ids"]
        return db.session.scalar(select(func.count()).select_from(ids.order_by(None).subquery()))


def paginate_timeline(ids: Select, per_page: int) -> TimelinePagination:
    """Return the page the request asks for; a page past the end is empty, not an error."""
    return TimelinePagination(ids=ids, per_page=per_page, error_out=False)
