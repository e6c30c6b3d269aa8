"""The funding report: choose a grant or funder and a period, preview it, download its files."""

from contextlib import closing
from itertools import islice

from flask import Blueprint, render_template, request

from partnership.audit.services import record_export
from partnership.funding.queries import budget_spending
from partnership.reports import aid, files, pack_views, rules, selection
from partnership.reports.forms import FundingReportForm
from partnership.reports.tables import ACTIVITY_COLUMNS, activity_rows, plain_number

bp = Blueprint("reports", __name__, url_prefix="/reports")

PREVIEW_ROWS = 50
TABLES = ("activities", "costs", "budget", "participants", "aid")
# Participants are named; a payee may be a person. Their downloads (and the zip) are audited.
PERSONAL = {"participants", "costs", "zip"}


def _form() -> FundingReportForm:
    return FundingReportForm(formdata=request.args)


def _render(form, report=None, status=200):
    return render_template("reports/funding.html", form=form, report=report), status


@bp.get("/funding")
def funding():
    """Show the choice of report and, once chosen, a preview with its downloads."""
    form = _form()
    if not request.args:
        return _render(form)
    if not form.validate():
        return _render(form, status=422)
    chosen = form.selection()
    with closing(activity_rows(chosen, plain_number)) as rows:
        activities = [
            dict(zip(ACTIVITY_COLUMNS, row, strict=True)) for row in islice(rows, PREVIEW_ROWS)
        ]
    report = {
        "selection": chosen,
        "activities": activities,
        "activity_count": selection.count_activities(chosen),
        "by_country": selection.participants_by_country(chosen),
        "budgets": _budgets_by_grant(chosen),
        "receipt_totals": selection.receipt_totals(chosen),
        "deliveries": list(aid.deliveries(chosen, limit=PREVIEW_ROWS)),
        "delivery_totals": aid.delivery_totals(chosen),
        "args": request.args.to_dict(),
    }
    return _render(form, report)


def _budgets_by_grant(chosen) -> list[tuple]:
    """Return (grant, spending rows) for each chosen grant that has a budget."""
    spending = budget_spending(chosen.grants, chosen.period)
    return [
        (grant, [row for row in spending if row.grant is grant])
        for grant in chosen.grants
        if grant.budget_lines
    ]


def _download(table: str):
    """Stream one table of the chosen report as CSV, or all of them in a zip."""
    form = _form()
    if not form.validate():
        return _render(form, status=422)
    if table in PERSONAL:
        # Committed before the selection is read, which then loads fresh for the stream.
        record_export("report.zip" if table == "zip" else f"{table}.csv")
    if table == "zip":
        return files.zip_response(form.selection(), form.delimiter.data)
    return files.table_response(form.selection(), f"{table}.csv", form.delimiter.data)


for _table in TABLES:
    bp.add_url_rule(
        f"/funding/{_table}.csv", f"{_table}_csv", _download, defaults={"table": _table}
    )
bp.add_url_rule("/funding/report.zip", "zip", _download, defaults={"table": "zip"})

# The report pack of one grant (partnership/reports/pack_views.py).
bp.add_url_rule("/pack", "pack", pack_views.pack_page)
bp.add_url_rule("/pack.zip", "pack_zip", pack_views.pack_zip)
bp.add_url_rule(f"/pack/<any({pack_views.PART_KEYS}):part>", "pack_part", pack_views.pack_part)
# A programme's page names its rule set by its title.
bp.add_app_template_global(rules.rule_set_label, "rule_set_label")
