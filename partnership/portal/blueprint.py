"""The partner's own blueprint, and what its reading and writing pages share.

Only partner users reach it (partnership/auth/access.py); each page reads through `scope`, so
another partnership's record answers 404 here. The office's users find no page here either:
they have the office's own pages.
"""

from collections.abc import Callable

from flask import Blueprint, current_app, render_template
from flask_login import current_user
from sqlalchemy import Select, func, select

from partnership.extensions import db
from partnership.portal import scope
from partnership.portal.forms import PortalUploadForm
from partnership.portal.services import may_edit
from partnership.records.paging import COUNT_CAP, ListPage
from partnership.routing import page_number

bp = Blueprint("portal", __name__, url_prefix="/partner")


@bp.before_request
def only_partners() -> None:
    scope.current_partnership()  # 404 for anyone but a partner user with a partnership


@bp.app_template_global()
def portal_partnership():
    """The partnership of the partner user the page is for (None for the office's users)."""
    if not current_user.is_authenticated:
        return None
    return scope.partnership_of(current_user)


def paginate(query):
    return db.paginate(
        query, page=page_number(), per_page=current_app.config["PAGE_SIZE"], error_out=False
    )


def page_of_ids(ids: Select, load: Callable[[list[int]], list]) -> ListPage:
    """The asked page of a list given by the ids of its rows in order, and its rows loaded.

    As the office's lists do (partnership.records.paging): the matches counted up to a cap,
    the page's ids read along an index, only their rows loaded; a partnership's list costs
    the same however many records it and the office hold.
    """
    page, per_page = page_number(), current_app.config["PAGE_SIZE"]
    first_ones = ids.order_by(None).limit(COUNT_CAP + 1).subquery()
    counted = db.session.scalar(select(func.count()).select_from(first_ones))
    offset = (page - 1) * per_page
    page_ids = []
    if offset < counted or counted > COUNT_CAP:
        page_ids = db.session.scalars(ids.limit(per_page + 1).offset(offset)).all()
    return ListPage(
        items=load(page_ids[:per_page]),
        page=page,
        per_page=per_page,
        has_next=len(page_ids) > per_page,
        counted=counted,
    )


def render_event(partnership, event, status: int = 200, upload_form=None):
    """Show one of the partnership's events, with a refused upload form when there is one."""
    return render_template(
        "portal/event.html",
        partnership=partnership,
        event=event,
        documents=scope.shown_documents("event", event.id),
        upload_form=upload_form or PortalUploadForm(formdata=None),
        editable=may_edit(event, current_user),
    ), status
