"""The "Merge with another …" page of a contact, organisation or city, for editors.

The editor picks the other record and which of the two to keep, sees what would move, and
confirms; a refusal (the home city, a clash) is shown on the same form.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.extensions import db
from partnership.forms import RecordField
from partnership.lookup.sources import source_named
from partnership.merging import services
from partnership.merging.references import MergeRefused, explain
from partnership.records.entity import Entity

THIS, OTHER = "this", "other"


def merge_form(entity: Entity) -> type[FlaskForm]:
    class MergeForm(FlaskForm):
        other = RecordField(
            _l("The other record"),
            choices=source_named(entity.model.__table__.name),
            required=True,
        )
        keep = SelectField(
            _l("Which record to keep"),
            choices=[
                SelectChoice(THIS, _l("this record: the other one is merged into it")),
                SelectChoice(OTHER, _l("the other record: this one is merged into it")),
            ],
            default=THIS,
        )

    return MergeForm


def register(bp: Blueprint, entity: Entity) -> None:
    """Add `/<id>/merge` to the blueprint of `entity`'s pages."""
    form_class = merge_form(entity)

    def merge(object_id: int):
        record = db.get_or_404(entity.model, object_id)
        form = form_class()
        if not form.validate_on_submit():
            return _render(entity, record, form, status=422 if form.errors else 200)
        other = db.get_or_404(entity.model, form.other.data)
        kept, merged = (record, other) if form.keep.data == THIS else (other, record)
        try:
            if request.form.get("confirm"):
                services.merge(entity, kept.id, merged.id, current_user)
                message = _("“%(merged)s” was merged into “%(kept)s”.", merged=merged, kept=kept)
                db.session.commit()
                flash(message, "success")
                return redirect(url_for(entity.detail_endpoint, object_id=kept.id))
            moving = [explain(rows) for rows in services.check_merge(entity, kept, merged)]
        except MergeRefused as refusal:
            db.session.rollback()
            form.other.errors = [*form.other.errors, str(refusal)]
            return _render(entity, record, form, status=409)
        return _render(entity, record, form, kept=kept, merged=merged, moving=moving)

    merge.__name__ = f"merge_{entity.name}"
    bp.add_url_rule(
        "/<int:object_id>/merge", "merge", requires(Role.EDITOR)(merge), methods=["GET", "POST"]
    )


def _render(entity: Entity, record, form, status: int = 200, **context):
    return render_template(
        "merging/merge.html", pages=entity, area=entity.name, obj=record, form=form, **context
    ), status
