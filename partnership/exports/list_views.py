"""Download what a list page shows, filtered by its search, as CSV that spreadsheets open."""

from flask import Blueprint, request, url_for

from partnership.audit.services import record_export
from partnership.csvfile import DELIMITERS, csv_response
from partnership.exports.lists import list_export, list_exports

bp = Blueprint("exports", __name__)


def download(area: str):
    """Stream the list of `area`, filtered by ?q= like the page, as CSV."""
    export = list_export(area)
    text = request.args.get("q", "").strip()
    delimiter = DELIMITERS.get(request.args.get("delimiter", ","), ",")
    if export.personal:
        record_export(f"{area}.csv")

    def rows():
        # Queried only once the response streams, inside the context it keeps open.
        return export.rows(text, delimiter)

    return csv_response(f"{area}.csv", export.header, rows, delimiter)


@bp.record_once
def add_download_routes(state) -> None:
    # When the blueprint is registered every area has described itself.
    for area in list_exports():
        state.add_url_rule(f"/{area}/export.csv", area, download, defaults={"area": area})


@bp.app_template_global()
def list_export_url(area: str, query: str = "", delimiter: str | None = None) -> str | None:
    """Return the CSV address of a list page's current view, or None for a list without one."""
    if list_export(area) is None:
        return None
    return url_for(f"exports.{area}", q=query or None, delimiter=delimiter)
