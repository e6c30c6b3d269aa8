"""History pages: each record's changes, the admins' view of all changes, and the archive."""

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from partnership.archive import archived_records, get_archived, restore
from partnership.audit.models import AuditAction
from partnership.audit.services import record as audit
from partnership.auth.access import requires
from partnership.auth.models import Role, User
from partnership.extensions import db
from partnership.history import display, queries
from partnership.routing import page_number, record_id

bp = Blueprint("history", __name__)
bp.record_once(lambda state: display.init_app(state.app))


@bp.get("/history/<entity>/<int:record_id>")
def record(entity: str, record_id: int):
    """Show every recorded change of one record, newest first."""
    if entity not in queries.record_models():
        abort(404)
    # A user's history holds e-mail addresses, roles and when access ended: admins' business.
    if entity == "User" and not current_user.can(Role.ADMIN):
        abort(403)
    changes = queries.changes_of(entity, record_id)
    if not changes:
        abort(404)
    return render_template(
        "history/record.html", entity=entity, record_id=record_id, changes=changes
    )


@bp.get("/history/")
@requires(Role.ADMIN)
def index():
    """Show all changes, filtered by kind of record, user, action and period."""
    args = request.args
    query = queries.all_changes(
        entity=args.get("entity", ""),
        user_id=args.get("user", type=record_id),
        action=args.get("action", ""),
        day_from=_day(args.get("from")),
        day_to=_day(args.get("to")),
    )
    pagination = db.paginate(
        query, page=page_number(), per_page=current_app.config["PAGE_SIZE"], error_out=False
    )
    filters = {k: v for k, v in args.items() if k != "page" and v}
    return render_template(
        "history/index.html",
        pagination=pagination,
        filters=filters,
        entities=display.kind_choices(),
        actions=queries.ACTIONS,
        users=db.session.scalars(select(User).order_by(User.email)).all(),
    )


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@bp.get("/archive/")
@requires(Role.ADMIN)
def archive_index():
    """List archived records so an admin can restore them."""
    return render_template("history/archive.html", records=archived_records(), form=FlaskForm())


@bp.post("/archive/<entity>/<int:record_id>/restore")
@requires(Role.ADMIN)
def restore_record(entity: str, record_id: int):
    """Bring an archived record back with its links."""
    model = queries.record_models().get(entity)
    if model is None or model is User or not FlaskForm().validate_on_submit():
        abort(400 if model else 404)
    archived = get_archived(model, record_id)
    if archived is None:
        abort(404)
    restore(archived)
    # Kind and id, no name: a person restored now and erased later stays unnamed here.
    audit(AuditAction.RESTORED, detail=f"{entity} {record_id}")
    message = _("“%(name)s” is back, with its links.", name=archived)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("history.archive_index"))
