"""List, show, create, edit and delete pages for one kind of record, as a class to extend.

An area subclasses `RecordPages`, names its entity and form, and overrides what differs
(`detail_context`, `prefill`, `delete_blockers`...). Forms only turn a request into values;
the entity's service writes them, and each request commits once.
"""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from partnership import once
from partnership.archive import archive
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.conflicts import differences
from partnership.documents.sections import section_context as document_section
from partnership.extensions import db
from partnership.formatting import record_addresses
from partnership.merging import pages as merge_pages
from partnership.merging.warning import form_warning_of_duplicates
from partnership.records import values as record_values
from partnership.records.entity import Entity
from partnership.records.paging import list_page
from partnership.records.references import blocking_references
from partnership.routing import page_number

# Every kind's pages by its entity's name, for the API (it writes through the same forms).
PAGES: dict[str, "RecordPages"] = {}


class RecordPages:
    """The shared pages of one kind of record; subclasses override the hooks below."""

    entity: Entity
    form_class: type[FlaskForm]

    # Hooks an area overrides.
    def detail_context(self, record) -> dict:
        return {}

    def prefill(self, form) -> None:
        """Fill a new record's form before the user types (e.g. the home city)."""

    def new_record(self):
        return self.entity.model()

    def delete_blockers(self, record) -> list[str]:
        return blocking_references(record)

    def delete_warnings(self, record) -> list[str]:
        return []

    def form_values(self, form):
        return record_values.from_form(self.entity.values, form)

    def edit_form(self, record) -> FlaskForm:
        """The edit form, filled from what the record holds (or from the request when sent)."""
        data = record_values.as_form_data(self.entity.read(record))
        return self.form_class(data=data)

    # The pages.
    @property
    def area(self) -> str:
        return self.entity.name

    def register(self, bp: Blueprint) -> "RecordPages":
        PAGES.setdefault(self.entity.name, self)
        bp.add_url_rule("/", "index", self.index)
        bp.add_url_rule(
            "/new", "create", requires(Role.EDITOR)(self.create), methods=["GET", "POST"]
        )
        bp.add_url_rule("/<int:object_id>", "detail", self.detail)
        bp.add_url_rule(
            "/<int:object_id>/edit",
            "edit",
            requires(Role.EDITOR)(self.edit),
            methods=["GET", "POST"],
        )
        bp.add_url_rule(
            "/<int:object_id>/delete",
            "delete",
            requires(Role.EDITOR)(self.delete),
            methods=["GET", "POST"],
        )
        if self.entity.duplicates is not None:
            merge_pages.register(bp, self.entity)
        return self

    def get_or_404(self, object_id: int):
        return db.get_or_404(self.entity.model, object_id)

    def render(self, template: str, status: int = 200, **context):
        return render_template(template, pages=self.entity, area=self.area, **context), status

    def index(self):
        query = request.args.get("q", "").strip()
        per_page = current_app.config["PAGE_SIZE"]
        pagination = list_page(self.entity, query, page_number(), per_page)
        return self.render(
            "crud/list.html", pagination=pagination, query=query, rows=self.list_rows(pagination)
        )

    def list_rows(self, pagination) -> list[tuple[str, object, list]]:
        """Each row's address, its record (named by the template: an event in the reader's
        language) and its cells' values, read here in one pass: called from the template, each
        cell cost a call through the template's context."""
        address_of = record_addresses(self.entity.detail_endpoint)
        values = [column.value for column in self.entity.columns]
        return [
            (address_of(obj.id), obj, [value(obj) for value in values]) for obj in pagination.items
        ]

    def render_detail(self, record, status: int = 200, **overrides):
        context = {**self.detail_context(record), **document_section(record), **overrides}
        # The area's page, its documents section added at the end (documents/detail.html).
        detail = f"{self.area}/detail.html"
        return self.render(
            "documents/detail.html", status, obj=record, record_page=detail, **context
        )

    def detail(self, object_id: int):
        return self.render_detail(self.get_or_404(object_id))

    def create(self):
        if location := once.already_saved():
            return once.repeat_response(location)
        form = self.form_class()
        if request.method == "GET":
            self.prefill(form)
        if form.validate_on_submit():
            values = self.form_values(form)
            if warned := form_warning_of_duplicates(self.entity, form, values):
                return self.render_form(warned, None)
            record = self.new_record()
            if self._save(record, form, new=True) and commit_or_explain(form, flush_only=True):
                # Everything the answer needs is read before the commit: once committed, a
                # database that drops must not make the user believe it failed and retry.
                location = url_for(f"{self.area}.detail", object_id=record.id)
                message = _(
                    "%(thing)s “%(name)s” was created.", thing=self.entity.singular, name=record
                )
                once.remember(location)
                if commit_or_explain(form):
                    flash(message, "success")
                    return redirect(location)
        # The same form sent twice at once: the other request may have saved it meanwhile.
        if repeat := once.saved_meanwhile():
            return repeat
        return self.render_form(form, None)

    def edit(self, object_id: int):
        record = self.get_or_404(object_id)
        form = self.edit_form(record)
        # The version the user started from; someone else's save in between is a conflict.
        seen_version = request.form.get("version", type=int, default=record.version)
        if form.validate_on_submit():
            if seen_version != record.version:
                return self.render_conflict(form, record)
            try:
                saved = self._save(record, form)
                message = _(
                    "%(thing)s “%(name)s” was saved.", thing=self.entity.singular, name=record
                )
                saved = saved and commit_or_explain(form)
            except StaleDataError:
                db.session.rollback()
                return self.render_conflict(form, self.get_or_404(object_id))
            if saved:
                flash(message, "success")
                return redirect(url_for(f"{self.area}.detail", object_id=object_id))
        return self.render_form(form, record)

    def delete(self, object_id: int):
        record = self.get_or_404(object_id)
        blockers = self.delete_blockers(record)
        form = FlaskForm()
        if request.method == "POST" and not blockers and form.validate_on_submit():
            name = str(record)
            archive(record)
            db.session.commit()
            flash(
                _(
                    "%(thing)s “%(name)s” was moved to the archive; an admin can restore it.",
                    thing=self.entity.singular,
                    name=name,
                ),
                "success",
            )
            return redirect(url_for(f"{self.area}.index"))
        status = 409 if blockers and request.method == "POST" else 200
        return self.render(
            "crud/confirm_delete.html",
            status,
            obj=record,
            form=form,
            blockers=blockers,
            warnings=self.delete_warnings(record),
        )

    def _save(self, record, form, new: bool = False) -> bool:
        """Write the form's values through the service; put its refusals next to the fields."""
        try:
            self.entity.save(record, self.form_values(form))
        except record_values.Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
            return False
        if new:
            db.session.add(record)
        return True

    def render_form(self, form, record):
        status = 422 if form.errors or form.form_errors else 200
        version = request.form.get("version", type=int) or (record.version if record else None)
        return self.render("crud/form.html", status, form=form, obj=record, version=version)

    def render_conflict(self, form, record):
        # The form keeps what this user typed; saving again knowingly replaces the other version.
        saved = self.edit_form_from_storage(record)
        return self.render(
            "crud/form.html",
            409,
            form=form,
            obj=record,
            version=record.version,
            conflict=differences(saved, form),
        )

    def edit_form_from_storage(self, record) -> FlaskForm:
        data = record_values.as_form_data(self.entity.read(record))
        return self.form_class(formdata=None, data=data)


def show_invalid(form, invalid: record_values.Invalid) -> None:
    """Put a service's refusals next to the form's fields (or above the form)."""
    for name, message in invalid.errors.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]
        else:
            form.form_errors.append(message)


def commit_or_explain(form: FlaskForm, flush_only: bool = False) -> bool:
    """Commit (or only flush); on a uniqueness clash roll back and say so on the form."""
    try:
        (db.session.flush if flush_only else db.session.commit)()
    except IntegrityError:
        db.session.rollback()
        form.form_errors.append(
            _(
                "This would duplicate a record that already exists, or refers to one that is "
                "gone. Nothing was saved; check the fields and try again."
            )
        )
        return False
    return True
