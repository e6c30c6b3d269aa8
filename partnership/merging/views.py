"""The admins' list of merges, and undoing one."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from partnership.audit.models import AuditAction
from partnership.audit.services import record as audit
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.extensions import db
from partnership.merging import services
from partnership.merging.models import RecordMerge
from partnership.merging.references import MergeRefused
from partnership.records.entity import entity_of_table
from partnership.routing import page_number

bp = Blueprint("merging", __name__, url_prefix="/merges")


@bp.get("/")
@requires(Role.ADMIN)
def index(refusal: str | None = None):
    """List merges, newest first, with both records' names and a button to undo each."""
    pagination = db.paginate(
        select(RecordMerge).order_by(RecordMerge.merged_at.desc(), RecordMerge.id.desc()),
        page=page_number(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    page = render_template(
        "merging/index.html",
        pagination=pagination,
        records=_records_of(pagination.items),
        form=FlaskForm(),
        refusal=refusal,
    )
    return page, 409 if refusal else 200


def _records_of(merges) -> dict:
    """Load the records the merges name, one query per kind, archived ones included."""
    wanted: dict[str, set[int]] = {}
    for merge in merges:
        wanted.setdefault(merge.table_name, set()).update({merge.kept_id, merge.merged_id})
    found = {}
    for table_name, ids in wanted.items():
        model = services.model_of_table(table_name)
        if model is None:
            continue
        query = select(model).where(model.id.in_(ids))
        for record in db.session.scalars(query.execution_options(include_archived=True)):
            found[(table_name, record.id)] = record
    return found


@bp.post("/<int:merge_id>/undo")
@requires(Role.ADMIN)
def undo(merge_id: int):
    """Move back what a merge moved and bring the merged record back."""
    merge = db.get_or_404(RecordMerge, merge_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        stayed = services.undo(merge, current_user)
    except MergeRefused as refusal:
        db.session.rollback()
        return index(refusal=str(refusal))
    audit(AuditAction.RESTORED, detail=f"{merge.table_name} {merge.merged_id} (merge undone)")
    message = _("The merge was undone.")
    if stayed:
        message += " " + ngettext(
            "%(num)d reference changed since the merge and stays as it is.",
            "%(num)d references changed since the merge and stay as they are.",
            stayed,
        )
    entity = entity_of_table(merge.table_name)
    location = url_for(entity.detail_endpoint, object_id=merge.merged_id)
    db.session.commit()
    flash(message, "success")
    return redirect(location)
