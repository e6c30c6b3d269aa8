"""The partner's own blueprint, and what its reading and writing pages share.

Only partner users reach it (partnership/auth/access.py); each page reads through `scope`, so
another partnership's record answers 404 here. The office's users find no page here either:
they have the office's own pages.
"""

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from partnership.extensions import db
from partnership.portal import scope
from partnership.portal.forms import PortalUploadForm
from partnership.portal.services import may_edit
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
