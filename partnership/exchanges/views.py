"""Pages for planned exchanges, and the answers to "did it take place?"."""

from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.events.views import EventPages
from partnership.exchanges import queries, services
from partnership.exchanges.entity import EXCHANGE
from partnership.exchanges.forms import ExchangeForm
from partnership.extensions import db
from partnership.home import exchanges_in_order, overdue_ids
from partnership.records.paging import COUNT_CAP, ListPage
from partnership.records.values import Invalid
from partnership.redirects import safe_local_target
from partnership.routing import page_number

bp = Blueprint("exchanges", __name__, url_prefix="/exchanges")


class ExchangePages(EventPages):
    entity = EXCHANGE
    form_class = ExchangeForm

    def detail_context(self, exchange) -> dict:
        return {"overdue": queries.is_overdue(exchange, date.today())}


exchange_pages = ExchangePages().register(bp)


@bp.get("/overdue")
def overdue():
    """List the exchanges whose expected date passed without news, the latest first."""
    return render_template("exchanges/overdue.html", pagination=overdue_page(date.today()))


def overdue_page(today: date) -> ListPage:
    """One page of the overdue exchanges: the ids of the page along the exchanges' date
    index, the matches counted up to the lists' cap, then the page's rows (counting every
    match, as a paginate does, grew with the years)."""
    page, per_page = page_number(), current_app.config["PAGE_SIZE"]
    ids = overdue_ids(today)
    first_ones = ids.order_by(None).limit(COUNT_CAP + 1).subquery()
    counted = db.session.scalar(select(func.count()).select_from(first_ones))
    offset = (page - 1) * per_page
    walk = offset < counted or counted > COUNT_CAP  # past the end: nothing to read there
    page_ids = db.session.scalars(ids.limit(per_page + 1).offset(offset)).all() if walk else []
    return ListPage(
        items=exchanges_in_order(page_ids[:per_page]),
        page=page,
        per_page=per_page,
        has_next=len(page_ids) > per_page,
        counted=counted,
    )


@bp.post("/<int:object_id>/cancel")
@requires(Role.EDITOR)
def cancel(object_id: int):
    """Mark an exchange as cancelled, unless someone changed it since the page was shown."""
    exchange = exchange_pages.get_or_404(object_id)
    back = safe_local_target(request.form.get("next"))
    if not FlaskForm().validate_on_submit():
        flash(_("The form had expired; nothing was changed. Please try again."), "error")
        return redirect(back)
    if request.form.get("version", type=int) != exchange.version:
        return _changed_meanwhile(exchange)
    name = str(exchange)
    try:
        services.cancel_exchange(exchange)
        db.session.commit()
    except Invalid as invalid:
        db.session.rollback()
        flash(" ".join(invalid.errors.values()), "error")
        return redirect(url_for("exchanges.detail", object_id=object_id))
    except StaleDataError:
        db.session.rollback()
        return _changed_meanwhile(exchange_pages.get_or_404(object_id))
    flash(_("“%(name)s” is marked as cancelled.", name=name), "success")
    return redirect(back)


def _changed_meanwhile(exchange):
    flash(
        _(
            "Someone changed “%(name)s” meanwhile; nothing was changed. Here it is as it is now.",
            name=exchange,
        ),
        "error",
    )
    return redirect(url_for("exchanges.detail", object_id=exchange.id))
