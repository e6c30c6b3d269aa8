"""Pages to import a spreadsheet: upload, preview every row, confirm; and the empty templates."""

import io

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError

from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.csvfile import csv_response
from partnership.extensions import db
from partnership.faults import cause, classify
from partnership.imports import storage
from partnership.imports.columns import ImportFileError
from partnership.imports.display import error_text, filled, headings, quotes_value, show
from partnership.imports.forms import ReviewForm, UploadForm
from partnership.imports.kinds import importable, importables
from partnership.imports.readers import read_table
from partnership.imports.services import ImportRefused, apply_plan, plan_import

bp = Blueprint("imports", __name__, url_prefix="/imports")


@bp.route("/", methods=["GET", "POST"])
@requires(Role.EDITOR)
def upload():
    """Take a spreadsheet, keep it until confirmed, and show what importing it would do."""
    form = UploadForm()
    if not form.validate_on_submit():
        return _upload_page(form)
    data = form.file.data.read()
    token = storage.save_upload(data, form.file.data.filename or "", current_user.id)
    review = ReviewForm(
        formdata=None,
        token=token,
        entity=form.entity.data,
        delimiter=form.delimiter.data,
        create_missing=form.create_missing.data,
    )
    return _preview(review, storage.load_upload(token, current_user.id), upload_form=form)


@bp.post("/check")
@requires(Role.EDITOR)
def check():
    """Read the kept file again, with other options or after records were corrected."""
    review = ReviewForm()
    upload = _kept_upload(review)
    if upload is None:
        return redirect(url_for("imports.upload"))
    return _preview(review, upload)


@bp.post("/confirm")
@requires(Role.EDITOR)
def confirm():
    """Import the previewed file in one transaction, unless anything changed or is wrong."""
    review = ReviewForm()
    upload = _kept_upload(review)
    if upload is None:
        return redirect(url_for("imports.upload"))
    plan = _plan(review, upload)
    if plan is None or not plan.ok:
        return _preview(review, upload)
    changed = _("The records changed since the preview. Check this new preview and confirm.")
    if plan.digest != review.digest.data:
        return _preview(review, upload, message=changed, status=409)
    try:
        written = apply_plan(plan)
        db.session.commit()
    except ImportRefused:
        # A record's own rules refused rows: the preview now shows which, and why.
        db.session.rollback()
        return _show(plan, review, upload, status=422)
    except StaleDataError:
        # Someone saved one of the records between this check and the write.
        db.session.rollback()
        return _preview(review, upload, message=changed, status=409)
    except SQLAlchemyError as error:
        db.session.rollback()
        if classify(error) is not None:
            raise  # the database is down, full or read-only: the error page says which
        # The database's own words can quote tables and values: they go to the log only.
        current_app.logger.error("Import of %r refused: %s", upload.filename, cause(error))
        message = _(
            "Nothing was imported: the database refused the changes. The cause was logged; "
            "tell your administrator."
        )
        return _preview(review, upload, message=message, status=422)
    storage.discard_upload(upload.token)
    summary = _("Imported “%(file)s”: %(summary)s.", file=upload.filename, summary=plan.summary())
    flash(f"{summary} {_('%(count)d records written.', count=written)}", "success")
    return redirect(url_for(f"{plan.entity.name}.index"))


@bp.get("/templates/<entity>.<any(csv, xlsx):file_format>")
def template(entity: str, file_format: str):
    """Download an empty file with the columns an import of `entity` reads."""
    kind = importable(entity)
    if kind is None:
        abort(404)
    header = kind.importer.header
    if file_format == "csv":
        return csv_response(f"{entity}-template.csv", header, list)
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(kind.plural))
    sheet.append(header)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Response(
        buffer.getvalue(),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{entity}-template.xlsx"'},
    )


def _upload_page(form: UploadForm, status: int | None = None):
    status = status or (422 if form.errors else 200)
    return render_template("imports/upload.html", form=form, kinds=importables()), status


def _kept_upload(review: ReviewForm):
    if not review.validate_on_submit():
        flash(_("The import form was incomplete; choose the file again."), "error")
        return None
    upload = storage.load_upload(review.token.data, current_user.id)
    if upload is None:
        flash(_("The uploaded file is no longer kept; upload it again."), "error")
    return upload


def _plan(review: ReviewForm, upload, errors: list | None = None):
    """Read and check the kept file with the chosen options; None if the file is unusable."""
    try:
        table = read_table(
            upload.data,
            upload.filename,
            review.delimiter.data or None,
            current_app.config["IMPORT_MAX_ROWS"],
        )
        return plan_import(importable(review.entity.data), table, review.create_missing.data)
    except ImportFileError as error:
        if errors is not None:
            errors.append(str(error))
        return None


def _preview(review: ReviewForm, upload, upload_form=None, message=None, status=None):
    problems: list[str] = []
    plan = _plan(review, upload, problems)
    if plan is None:
        storage.discard_upload(upload.token)
        form = upload_form or UploadForm(formdata=None, entity=review.entity.data)
        form.file.errors = [*problems]
        return _upload_page(form, 422)
    return _show(plan, review, upload, message, status)


def _show(plan, review: ReviewForm, upload, message=None, status=None):
    review.digest.data = plan.digest
    return render_template(
        "imports/preview.html",
        plan=plan,
        review=review,
        upload=upload,
        message=message,
        show=show,
        filled=filled,
        headings=headings(plan),
        error_text=error_text,
        quotes_value=quotes_value,
    ), status or (200 if plan.ok else 422)
