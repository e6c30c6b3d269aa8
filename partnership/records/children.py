"""Records kept inside another one (budget lines, receipts, participants, members...): one
pattern for the small form on the parent's page that adds one, and the button that removes one.

Every child answers alike: adding returns to the parent's page at the child's section, a
refused form re-renders the parent's page with the message next to the field (422), and a
child asked for under another parent is a 404. Removing archives the child, so history and
restore treat it like every other record.
"""

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from partnership import once
from partnership.archive import archive
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.extensions import db
from partnership.records import values as record_values
from partnership.records.pages import RecordPages, show_invalid


class ChildPages:
    """Add and remove children of one kind under a parent record's page.

    Subclasses set the class attributes and may override `add` (the service call),
    `remove_refusal` and the messages.
    """

    parent_pages: RecordPages
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
    save: Callable[[Any, Any, Any], None] | None = None

    def empty_form(self) -> FlaskForm:
        return self.form_class(formdata=None, prefix=self.form_prefix)

    def add(self, parent, values):
        """Create the child from `values` under `parent`; raise Invalid to refuse."""
        child = self.model(**{self.parent_key: parent.id})
        self.save(child, values)
        db.session.add(child)
        return child

    def added_message(self, child) -> str:
        return _("Added.")

    def removed_message(self, child) -> str:
        return _("“%(name)s” was removed.", name=child)

    def remove_refusal(self, child) -> str | None:
        """A reason the child must stay (e.g. receipts booked on a budget line), or None."""
        return None

    def register(self, bp: Blueprint) -> "ChildPages":
        endpoint = self.path.replace("-", "_")
        bp.add_url_rule(
            f"/<int:object_id>/{self.path}",
            f"add_{endpoint}",
            requires(Role.EDITOR)(self.add_view),
            methods=["POST"],
        )
        bp.add_url_rule(
            f"/<int:object_id>/{self.path}/<int:child_id>/remove",
            f"remove_{endpoint}",
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
        form = self.form_class(prefix=self.form_prefix)
        if not form.validate_on_submit():
            return self.refuse(parent, form)
        try:
            child = self.add(parent, record_values.from_form(self.values, form))
            db.session.flush()
        except record_values.Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
            return self.refuse(self.parent_pages.get_or_404(object_id), form)
        message = self.added_message(child)
        if repeat := once.commit(target):
            return repeat
        flash(message, "success")
        return redirect(target)

    def refuse(self, parent, form):
        return self.parent_pages.render_detail(parent, 422, **{self.form_name: form})

    def remove_view(self, object_id: int, child_id: int):
        child = db.get_or_404(self.model, child_id)
        if getattr(child, self.parent_key) != object_id:
            abort(404)
        target = self.target(object_id)
        if reason := self.remove_refusal(child):
            flash(reason, "error")
            return redirect(target)
        message = self.removed_message(child)
        archive(child)
        db.session.commit()
        flash(message, "success")
        return redirect(target)
