"""Attach a file to a record, download it, see its preview, change or remove it.

The form lives in the "Documents" section of every record's page (see `sections.py`); a refused
upload shows that page again with the message next to the field.
"""

import io

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import RequestEntityTooLarge

from partnership import errors
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.documents import sections, services
from partnership.documents.checks import too_large_message
from partnership.documents.forms import DocumentForm, UploadForm
from partnership.documents.storage import StoreError
from partnership.extensions import db
from partnership.records.pages import show_invalid
from partnership.records.values import Invalid

bp = Blueprint("documents", __name__, url_prefix="/documents")
bp.record_once(lambda state: sections.init_app(state.app))
# The file and the form around it: what the form fields and multipart framing may add.
FORM_ALLOWANCE = 64 * 1024


@bp.url_value_preprocessor
def allow_a_document_upload(endpoint: str | None, _values) -> None:
    # Runs before any hook reads the body: the app's limit (MAX_CONTENT_LENGTH) is for the
    # spreadsheet imports; a document may be as large as DOCUMENT_MAX_BYTES.
    if endpoint == "documents.upload":
        request.max_content_length = services.max_bytes() + FORM_ALLOWANCE


@bp.teardown_request
def close_uploads(_error) -> None:
    # A large upload is spooled to a temporary file: closed now, not whenever it is collected.
    request.close()


def _parent_or_404(table_name: str, record_id: int):
    model = services.root_model(table_name)
    return (model and db.session.get(model, record_id)) or abort(404)


@bp.post("/attach/<table_name>/<int:record_id>")
@requires(Role.EDITOR)
def upload(table_name: str, record_id: int):
    """Attach the uploaded file to a record, or show why not next to the field."""
    parent = _parent_or_404(table_name, record_id)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            document = services.store_document(
                table_name,
                record_id,
                upload.filename or "",
                upload.read(),
                form.kind.data,
                form.caption.data,
                form.public.data,
                current_user,
            )
            message = _("“%(name)s” was attached.", name=document.filename)
            db.session.commit()
        except Invalid as invalid:
            db.session.rollback()
            show_invalid(form, invalid)
        else:
            flash(message, "success")
            return redirect(sections.section_url(parent))
    return sections.render_parent(parent, 422, document_form=form)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    """Say so next to the file field: the request was too large to be read at all."""
    args = request.view_args or {}
    if request.endpoint != "documents.upload":
        # Not an upload: the answer every other page gives.
        return errors._http_error(_error)
    parent = _parent_or_404(args["table_name"], args["record_id"])
    form = UploadForm(formdata=None)
    form.file.errors = [too_large_message(services.max_bytes())]
    return sections.render_parent(parent, 413, document_form=form)


def _document_or_404(document_id: int):
    """Return a document the current user may open: archived ones only for admins."""
    document = services.get_document(document_id, include_archived=True) or abort(404)
    in_archive = document.archived_at is not None or services.parent_of(document) is None
    if in_archive and not current_user.can(Role.ADMIN):
        abort(404)
    return document


def _live_document_or_404(document_id: int):
    document = services.get_document(document_id) or abort(404)
    return document, services.parent_of(document) or abort(404)


@bp.get("/<int:document_id>")
def download(document_id: int):
    """Send the file as a download, under its own name and the type read from its content."""
    return attachment(_document_or_404(document_id))


def attachment(document):
    """The stored file as a download under its own name; 404 where the store lost it."""
    try:
        data = services.read_bytes(document)
    except StoreError as error:
        current_app.logger.error("Document %s: %s", document.id, error)
        abort(404)
    response = send_file(
        io.BytesIO(data),
        mimetype=document.content_type,
        as_attachment=True,
        download_name=document.filename,
        etag=document.sha256,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/<int:document_id>/preview")
def preview(document_id: int):
    """Send the small preview of an image document."""
    document = _document_or_404(document_id)
    try:
        thumbnail = services.thumbnail_bytes(document)
    except StoreError as error:
        current_app.logger.error("Document %s: %s", document.id, error)
        thumbnail = None
    if thumbnail is None:
        abort(404)
    response = send_file(io.BytesIO(thumbnail), mimetype="image/jpeg")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(document_id: int):
    """Change a document's kind, caption and whether it is public."""
    document, parent = _live_document_or_404(document_id)
    values = services.read_document(document)
    form = DocumentForm(data={**vars(values), "kind": values.kind.value})
    seen_version = request.form.get("version", type=int, default=document.version)
    if form.validate_on_submit():
        if seen_version != document.version:
            form.form_errors.append(_("Someone else changed this document meanwhile: see below."))
            db.session.expire(document)
        else:
            try:
                services.update_document(document, services.DocumentValues(**_values(form)))
                message = _("“%(name)s” was saved.", name=document.filename)
                db.session.commit()
            except StaleDataError:
                db.session.rollback()
                form.form_errors.append(_("Someone else changed this document meanwhile."))
            else:
                flash(message, "success")
                return redirect(sections.section_url(parent))
    status = 409 if form.form_errors else (422 if form.errors else 200)
    return render_template(
        "documents/edit.html",
        form=form,
        document=document,
        parent=parent,
        back=sections.section_url(parent),
    ), status


def _values(form) -> dict:
    return {"kind": form.kind.data, "caption": form.caption.data, "public": form.public.data}


@bp.post("/<int:document_id>/remove")
@requires(Role.EDITOR)
def remove(document_id: int):
    """Move a document to the archive; an admin can restore it there."""
    document, parent = _live_document_or_404(document_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    name = document.filename
    services.remove_document(document)
    db.session.commit()
    flash(_("“%(name)s” was moved to the archive; an admin can restore it.", name=name), "success")
    return redirect(sections.section_url(parent))
