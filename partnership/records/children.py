"""Records kept inside another one (budget lines, receipts, participants, members...): one
pattern for the small form on the parent's page that adds one, and the button that removes one.

Every child answers alike: adding returns to the parent's page at the child's section, a
refused form re-renders the parent's page with the message next to the field (422), and a
child asked for under another parent is a 404. Removing archives the child, so history and
restore treat it like every other record.
"""

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from partnership import once
from partnership.archive import archive
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.extensions import db
from partnership.records import values as record_values
from partnership.records.pages import show_invalid


class ParentPage(Protocol):
    """The page children are added on: a `RecordPages`, or another page of one record (an
    event's funding page) with the same three members."""

    @property
    def area(self) -> str: ...

    def get_or_404(self, object_id: int): ...

    def render_detail(self, record, status: int = 200, **overrides): ...


class ChildPages:
    """Add and remove children of one kind under a parent record's page.

    Subclasses set the class attributes and may override `add` (the service call), `form`
    (a form whose choices depend on the parent), `child_or_404` and `remove` (a link row
    that is not a record is deleted), `remove_refusal` and the messages.
    """

    parent_pages: ParentPage
    model: type
    form_class: type[FlaskForm]
    # The URL segment (`budget-lines`), the anchor on the parent's page, the name of the form
    # in the parent's page context, and the child's column holding the parent's id.
    path: str
    anchor: str
    form_name: str
    parent_key: str
    form_prefix: str = ""
    values: type | None = None
    save: Callable[[Any, Any], None] | None = None
    # Endpoint names, `add_<path>` and `remove_<path>` unless given, and the last segment of
    # the remove address.
    add_endpoint: str = ""
    remove_endpoint: str = ""
    remove_path: str = "remove"

    def form(self, parent=None, **kwargs) -> FlaskForm:
        return self.form_class(prefix=self.form_prefix, **kwargs)

    def empty_form(self, parent=None) -> FlaskForm:
        return self.form(parent, formdata=None)

    def form_values(self, parent, form):
        """The form's values, with the parent's id where the values name it."""
        found = record_values.from_form(self.values, form)
        if self.parent_key in record_values.value_names(self.values):
            found = replace(found, **{self.parent_key: parent.id})
        return found

    def add(self, parent, values):
        """Create the child from `values` under `parent`; raise Invalid to refuse."""
        child = self.model(**{self.parent_key: parent.id})
        # Read from the class: a plain function kept as an attribute is not a method.
        type(self).save(child, values)
        db.session.add(child)
        return child

    def child_or_404(self, object_id: int, child_id: int):
        """The child `child_id` of the parent `object_id`; a child of another parent is a 404."""
        child = db.get_or_404(self.model, child_id)
        if getattr(child, self.parent_key) != object_id:
            abort(404)
        return child

    def remove(self, child) -> None:
        archive(child)

    def added_message(self, child) -> str:
        return _("Added.")

    def removed_message(self, child) -> str:
        return _("“%(name)s” was removed.", name=child)

    def remove_refusal(self, child) -> str | None:
        """A reason the child must stay (e.g. receipts booked on a budget line), or None."""
        return None

    def register(self, bp: Blueprint) -> "ChildPages":
        endpoint = self.path.replace("-", "_").replace("/", "_")
        bp.add_url_rule(
            f"/<int:object_id>/{self.path}",
            self.add_endpoint or f"add_{endpoint}",
            requires(Role.EDITOR)(self.add_view),
            methods=["POST"],
        )
        bp.add_url_rule(
            f"/<int:object_id>/{self.path}/<int:child_id>/{self.remove_path}",
            self.remove_endpoint or f"remove_{endpoint}",
            requires(Role.EDITOR)(self.remove_view),
            methods=["POST"],
        )
        return self

    def target(self, object_id: int) -> str:
        return url_for(f"{self.parent_pages.area}.detail", object_id=object_id, _anchor=self.anchor)

    def add_view(self, object_id: int):
        target = self.target(object_id)
        if once.already_saved():
            return once.repeat_response(target)
        parent = self.parent_pages.get_or_404(object_id)
        form = self.form(parent)
        if not form.validate_on_submit():
            return self.refuse(parent, form)
        try:
            child = self.add(parent, self.form_values(parent, form))
            db.session.flush()
        except record_values.Invalid as invalid:
            db.session.rollback()
            show_invalid(form, self._shown(invalid, form))
            return self.refuse(self.parent_pages.get_or_404(object_id), form)
        message = self.added_message(child)
        if repeat := once.commit(target):
            return repeat
        flash(message, "success")
        return redirect(target)

    def _shown(self, invalid: record_values.Invalid, form) -> record_values.Invalid:
        # The parent is fixed by the page, not chosen on the form: a refusal naming it (a link
        # that exists already) is told by the form's own fields when they have one too.
        if self.parent_key in form:
            return invalid
        others = {k: v for k, v in invalid.errors.items() if k != self.parent_key}
        return record_values.Invalid(others) if others else invalid

    def refuse(self, parent, form):
        return self.parent_pages.render_detail(parent, 422, **{self.form_name: form})

    def remove_view(self, object_id: int, child_id: int):
        # An archived parent is gone, and its children with it.
        self.parent_pages.get_or_404(object_id)
        child = self.child_or_404(object_id, child_id)
        target = self.target(object_id)
        if reason := self.remove_refusal(child):
            flash(reason, "error")
            return redirect(target)
        message = self.removed_message(child)
        self.remove(child)
        db.session.commit()
        flash(message, "success")
        return redirect(target)
