"""The report pack's page (checks, then downloads), the whole pack as a zip and each part alone.

The routes are added to the reports blueprint in `views.py`. Parts that name people (the
payments' payees, participant lists, scans, photos) are audited when they leave, as the
funding report's downloads are.
"""

import tempfile

from flask import current_app, render_template, request, send_file
from flask_babel import gettext as _

from partnership.audit.services import record_export
from partnership.documents.storage import StoreError
from partnership.reports import pack as packs
from partnership.reports import pack_zip as zips
from partnership.reports.checks import check_pack
from partnership.reports.pack_form import PackForm
from partnership.reports.payments import XLSX_TYPE, payments_csv_response

TYPES = {".pdf": "application/pdf", ".csv": "text/csv", ".xlsx": XLSX_TYPE}
# The parts' names in the address: any other is not found.
PART_KEYS = ", ".join(f"'{part.key}'" for part in packs.PARTS)


def _chosen_pack():
    """The pack the query asks for, or (None, form) when the form is not valid."""
    form = PackForm(formdata=request.args)
    if not request.args or not form.validate():
        return None, form
    grant = form.chosen_grant()
    if grant is None:
        form.grant.errors.append(_("This record no longer exists; choose another."))
        return None, form
    return packs.make_pack(grant, *form.period_bounds(), form.delimiter.data), form


def _render(form, status=200, **context):
    return render_template("reports/pack.html", form=form, **context), status


def pack_page():
    """Show the choice of grant and period, then the checks' warnings and every part."""
    pack, form = _chosen_pack()
    if pack is None:
        return _not_chosen(form)
    parts = [(part, packs.part_files(pack, part)) for part in packs.PARTS]
    return _render(
        form,
        pack=pack,
        warnings=check_pack(pack.grant.id, pack.period),
        parts=parts,
        args=request.args.to_dict(),
    )


def _temporary():
    return tempfile.TemporaryFile()  # removed once closed, i.e. once sent


def _store_failed(form, error: StoreError):
    current_app.logger.error("Report pack: %s", error)
    message = _("A stored file could not be read; try again later, or tell the administrator.")
    return _render(form, 503, store_error=message)


def _not_chosen(form):
    """Without a grant chosen the download cannot be made: offer the choice instead."""
    return _render(form, 422 if request.args else 200)


def pack_zip():
    """Send the whole pack as one zip, written to a temporary file first."""
    pack, form = _chosen_pack()
    if pack is None:
        return _not_chosen(form)
    record_export(zips.zip_name(pack))
    pack = packs.make_pack(pack.grant, *pack.period, pack.delimiter)  # fresh after the commit
    out = _temporary()
    try:
        zips.write_pack_zip(pack, out)
    except StoreError as error:
        out.close()
        return _store_failed(form, error)
    out.seek(0)
    return send_file(
        out, mimetype="application/zip", as_attachment=True, download_name=zips.zip_name(pack)
    )


def pack_part(part: str):
    """Send one part of the pack: a file, or a folder of files as a zip."""
    chosen = packs.PARTS_BY_KEY[part]  # the route takes only these
    pack, form = _chosen_pack()
    if pack is None:
        return _not_chosen(form)
    name = chosen.name(pack.language)
    if chosen.personal:
        record_export(name)
        pack = packs.make_pack(pack.grant, *pack.period, pack.delimiter)
    if chosen.key == "payments-csv":
        return payments_csv_response(pack.selection, pack.delimiter, name)
    out = _temporary()
    try:
        if chosen.is_folder:
            zips.write_folder_zip(pack, chosen, out)
            name, mimetype = zips.zip_name(pack, name), "application/zip"
        else:
            chosen.write(pack, out)
            mimetype = TYPES[name[name.rindex(".") :]]
    except StoreError as error:
        out.close()
        return _store_failed(form, error)
    out.seek(0)
    return send_file(out, mimetype=mimetype, as_attachment=True, download_name=name)
