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
_CONFIRMING: dict[tuple[type, str], type[FlaskForm]] = {}


def _confirming(form_class: type[FlaskForm], entity: Entity) -> type[FlaskForm]:
    """Return `form_class` with the box that confirms a record is not one already there."""
    key = (form_class, entity.name)
    if key not in _CONFIRMING:
        label = LazyString(
            lambda: _(
                "This is a different %(thing)s: save it anyway",
                thing=in_sentence(entity.singular),
            )
        )
        _CONFIRMING[key] = type(
            form_class.__name__, (form_class,), {CONFIRM_FIELD: BooleanField(label)}
        )
    return _CONFIRMING[key]


def _named(entity: Entity, record) -> Markup:
    link = Markup('<a href="{}">{}</a>').format(
        url_for(entity.detail_endpoint, object_id=record.id), record
    )
    detail = entity.search_detail(record) if entity.search_detail else ""
    return Markup("{} ({})").format(link, detail) if detail else link


def form_warning_of_duplicates(entity: Entity, form_class: type[FlaskForm], values):
    """Return the create form again, warning of likely duplicates of `values`, or None when
    there are none or the user has ticked that the new record is a different one."""
    if entity.duplicates is None or request.form.get(CONFIRM_FIELD):
        return None
    found = entity.duplicates(values)
    if not found:
        return None
    form = _confirming(form_class, entity)()
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
