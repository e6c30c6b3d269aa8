"""The admins' page of the audit log, and its CSV."""

from flask import Blueprint, current_app, render_template, request

from partnership.audit import queries
from partnership.audit.labels import ACTION_LABELS, action_label, method_label
from partnership.audit.services import record_export
from partnership.auth.access import requires
from partnership.auth.models import Role
from partnership.csvfile import csv_response
from partnership.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/audit")
CSV_NAME = "audit.csv"
CSV_HEADER = [
    "time (UTC)",
    "action",
    "action label",
    "user id",
    "who",
    "method",
    "address",
    "path",
    "status",
    "detail",
]
# Entries are fetched in batches while the file streams out.
BATCH = 1000


@bp.get("/")
@requires(Role.ADMIN)
def index():
    """Show the audit log, newest first, filtered and a page at a time."""
    audit_filter = queries.AuditFilter.from_args(request.args)
    shown = queries.page(
        audit_filter,
        current_app.config["PAGE_SIZE"],
        before=queries.parse_cursor(request.args.get("before")),
        after=queries.parse_cursor(request.args.get("after")),
    )
    return render_template(
        "audit/index.html",
        page=shown,
        audit_filter=audit_filter,
        filters=audit_filter.args(),
        actions=ACTION_LABELS,
        action_label=action_label,
        method_label=method_label,
    )


@bp.get("/" + CSV_NAME)
@requires(Role.ADMIN)
def download():
    """Download the filtered audit log as CSV; the download is itself written to the log."""
    audit_filter = queries.AuditFilter.from_args(request.args)
    record_export(CSV_NAME)

    def rows():
        query = queries.entries(audit_filter).execution_options(yield_per=BATCH)
        for entry in db.session.scalars(query):
            yield [
                entry.at.isoformat(sep=" ", timespec="seconds"),
                entry.action,
                action_label(entry.action),
                entry.user_id,
                entry.actor,
                entry.method,
                entry.address,
                entry.path,
                entry.status,
                entry.detail,
            ]

    return csv_response(CSV_NAME, CSV_HEADER, rows)
