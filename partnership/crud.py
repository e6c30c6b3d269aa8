"""List, show, create, edit and delete pages for one entity, wired from a description.

Each area describes its entity once (`EntityPages`) and keeps its own services, forms and
detail template; the request handling that every entity shares lives here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from partnership import once
from partnership.archive import archive
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.conflicts import differences
from partnership.extensions import db
from partnership.routing import page_number

# Labels are lazy strings (`lazy_gettext`), read in the language of each request.
Label = str | LazyString


@dataclass(frozen=True)
class ListColumn:
    label: Label
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class EntityPages:
    """What the shared pages need to know about one entity."""

    model: type
    singular: Label
    plural: Label
    form_class: type[FlaskForm]
    list_query: Callable[[str], Select]
    columns: list[ListColumn]
    save: Callable[[Any, FlaskForm], None]
    delete_blockers: Callable[[Any], list[str]] = lambda obj: []
    delete_warnings: Callable[[Any], list[str]] = lambda obj: []
    load_form: Callable[[Any, FlaskForm], None] = lambda obj, form: None
    new_object: Callable[[], Any] | None = None
    prefill_form: Callable[[FlaskForm], None] = lambda form: None
    detail_context: Callable[[Any], dict] = lambda obj: {}
    search_hint: Label = ""
    extra: dict = field(default_factory=dict)


def register_pages(bp: Blueprint, pages: EntityPages) -> Callable:
    """Add index, new, detail, edit and delete routes for `pages.model` to `bp`.

    Return the function that renders the detail page, for views that add to it.
    """
    area = bp.name

    def get_or_404(object_id: int):
        return db.get_or_404(pages.model, object_id)

    def index():
        query = request.args.get("q", "").strip()
        pagination = db.paginate(
            pages.list_query(query),
            page=page_number(),
            per_page=current_app.config["PAGE_SIZE"],
            error_out=False,
        )
        return render_template(
            "crud/list.html", pages=pages, area=area, pagination=pagination, query=query
        )

    def render_detail(obj, status: int = 200, **overrides):
        context = {**pages.detail_context(obj), **overrides}
        return render_template(
            f"{area}/detail.html", obj=obj, pages=pages, area=area, **context
        ), status

    def detail(object_id: int):
        return render_detail(get_or_404(object_id))

    @requires(Role.EDITOR)
    def create():
        if location := once.already_saved():
            return once.repeat_response(location)
        form = pages.form_class()
        if request.method == "GET":
            pages.prefill_form(form)
        if form.validate_on_submit():
            obj = pages.new_object() if pages.new_object else pages.model()
            pages.save(obj, form)
            db.session.add(obj)
            if _commit_or_explain(form, flush_only=True):
                # Everything the answer needs is read before the commit: once committed, a
                # database that drops must not make the user believe it failed and retry.
                location = url_for(f"{area}.detail", object_id=obj.id)
                message = _("%(thing)s “%(name)s” was created.", thing=pages.singular, name=obj)
                once.remember(location)
                if _commit_or_explain(form):
                    flash(message, "success")
                    return redirect(location)
        # The same form sent twice at once: the other request may have saved it meanwhile.
        if repeat := once.saved_meanwhile():
            return repeat
        return _render_form(form, None)

    @requires(Role.EDITOR)
    def edit(object_id: int):
        obj = get_or_404(object_id)
        form = pages.form_class(obj=obj)
        if request.method == "GET":
            pages.load_form(obj, form)
        # The version the user started from; someone else's save in between is a conflict.
        seen_version = request.form.get("version", type=int, default=obj.version)
        if form.validate_on_submit():
            if seen_version != obj.version:
                return _render_conflict(form, obj)
            try:
                pages.save(obj, form)
                message = _("%(thing)s “%(name)s” was saved.", thing=pages.singular, name=obj)
                saved = _commit_or_explain(form)
            except StaleDataError:
                db.session.rollback()
                return _render_conflict(form, get_or_404(object_id))
            if saved:
                flash(message, "success")
                return redirect(url_for(f"{area}.detail", object_id=object_id))
        return _render_form(form, obj)

    @requires(Role.EDITOR)
    def delete(object_id: int):
        obj = get_or_404(object_id)
        blockers = pages.delete_blockers(obj)
        form = FlaskForm()
        if request.method == "POST" and not blockers and form.validate_on_submit():
            label = str(obj)
            archive(obj)
            db.session.commit()
            flash(
                _(
                    "%(thing)s “%(name)s” was moved to the archive; an admin can restore it.",
                    thing=pages.singular,
                    name=label,
                ),
                "success",
            )
            return redirect(url_for(f"{area}.index"))
        return render_template(
            "crud/confirm_delete.html",
            obj=obj,
            pages=pages,
            area=area,
            form=form,
            blockers=blockers,
            warnings=pages.delete_warnings(obj),
        ), (409 if blockers and request.method == "POST" else 200)

    def _render_form(form, obj):
        status = 422 if form.errors else 200
        version = request.form.get("version", type=int) or (obj.version if obj else None)
        return render_template(
            "crud/form.html", form=form, obj=obj, pages=pages, area=area, version=version
        ), status

    def _render_conflict(form, obj):
        # The form keeps what this user typed; saving again knowingly replaces the other version.
        return render_template(
            "crud/form.html",
            form=form,
            obj=obj,
            pages=pages,
            area=area,
            version=obj.version,
            conflict=differences(_saved_form(pages, obj), form),
        ), 409

    bp.add_url_rule("/", "index", index)
    bp.add_url_rule("/new", "create", create, methods=["GET", "POST"])
    bp.add_url_rule("/<int:object_id>", "detail", detail)
    bp.add_url_rule("/<int:object_id>/edit", "edit", edit, methods=["GET", "POST"])
    bp.add_url_rule("/<int:object_id>/delete", "delete", delete, methods=["GET", "POST"])
    return render_detail


def _saved_form(pages: EntityPages, obj) -> FlaskForm:
    saved = pages.form_class(formdata=None, obj=obj)
    pages.load_form(obj, saved)
    return saved


def _commit_or_explain(form: FlaskForm, flush_only: bool = False) -> bool:
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
