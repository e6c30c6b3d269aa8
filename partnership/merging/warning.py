"""Before a new contact, organisation or city is saved: warn when it is likely already there.

The form comes back with what the user typed, the likely duplicates linked above it, and a box
to tick ("this is a different …") that lets the next submission save it anyway.
"""

from flask import request, url_for
from flask_babel import LazyString, ngettext
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import BooleanField

from partnership.i18n import in_sentence
from partnership.records.entity import Entity

CONFIRM_FIELD = "not_duplicate"


def _add_confirmation(form: FlaskForm, entity: Entity) -> None:
    """Add the box that confirms the new record is not one already there, last in the form.

    Bound to this one form: the kind's form class keeps its own fields.
    """
    label = LazyString(
        lambda: _(
            "This is a different %(thing)s: save it anyway", thing=in_sentence(entity.singular)
        )
    )
    box = BooleanField(label).bind(form, CONFIRM_FIELD, prefix=form._prefix)
    box.process(request.form)
    form._fields[CONFIRM_FIELD] = box


def _named(entity: Entity, record) -> Markup:
    link = Markup('<a href="{}">{}</a>').format(
        url_for(entity.detail_endpoint, object_id=record.id), record
    )
    detail = entity.search_detail(record) if entity.search_detail else ""
    return Markup("{} ({})").format(link, detail) if detail else link


def form_warning_of_duplicates(entity: Entity, form: FlaskForm, values):
    """Return the create `form` again, warning of likely duplicates of `values`, or None when
    there are none or the user has ticked that the new record is a different one."""
    if entity.duplicates is None or request.form.get(CONFIRM_FIELD):
        return None
    found = entity.duplicates(values)
    if not found:
        return None
    _add_confirmation(form, entity)
    names = Markup(", ").join(_named(entity, record) for record in found)
    message = ngettext(
        "This %(thing)s may already be there: %(names)s. Open it instead of creating it again, "
        "or tick “This is a different %(thing)s” below and create it.",
        "This %(thing)s may already be there, as one of these: %(names)s. Open one of them "
        "instead of creating it again, or tick “This is a different %(thing)s” below and "
        "create it.",
        len(found),
        thing=Markup.escape(in_sentence(entity.singular)),
        names=names,
    )
    form.form_errors.append(Markup(message))
    return form
