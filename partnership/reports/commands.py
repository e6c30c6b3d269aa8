"""`flask export funding`: the funding report's files, as the report page offers them."""

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale
from sqlalchemy import select

from partnership.audit.models import AuditAction
from partnership.audit.services import record_command
from partnership.extensions import db
from partnership.forms import date_error_message
from partnership.funding.models import Grant, Programme
from partnership.fuzzydate import FuzzyDateError, parse_fuzzy_date
from partnership.partners.models import Organisation, OrganisationKind
from partnership.reports.files import write_report
from partnership.reports.selection import FundingSelection

export_cli = AppGroup("export", help="Write reports as files.")
DELIMITERS = {",": ",", ";": ";", "comma": ",", "semicolon": ";"}


def _date(text: str, option: str):
    try:
        return parse_fuzzy_date(text)
    except FuzzyDateError as error:
        raise click.BadParameter(date_error_message(error), param_hint=option) from error


def _one_named(model, name: str, option: str, *where):
    """Return the one record of `model` called `name`, or stop with a message naming `option`."""
    found = db.session.scalars(select(model).where(model.name == name, *where).limit(2)).all()
    if len(found) != 1:
        problem = "Several records are" if found else "Nothing is"
        raise click.BadParameter(f"{problem} called {name!r}.", param_hint=option)
    return found[0]


def _chosen(reference, programme, funder):
    """Return (grant, programme, funder) as the options name them; at most one is given."""
    if sum(x is not None for x in (reference, programme, funder)) > 1:
        raise click.UsageError("Give one of --grant, --programme and --funder, not several.")
    grant = None
    if reference is not None:
        grant = db.session.scalars(select(Grant).where(Grant.reference == reference)).first()
        if grant is None:
            raise click.BadParameter(
                f"No grant has the reference {reference!r}.", param_hint="--grant"
            )
    if programme is not None:
        programme = _one_named(Programme, programme, "--programme")
    if funder is not None:
        funder = _one_named(
            Organisation, funder, "--funder", Organisation.kind == OrganisationKind.FUNDER
        )
    return grant, programme, funder


@export_cli.command("funding")
@click.option("--grant", "reference", help="The grant's reference.")
@click.option(
    "--programme", help="A funding programme's name: its grants and the aid deliveries it paid."
)
@click.option(
    "--funder", help="A funder's name: its grants and the aid deliveries it or its programmes paid."
)
@click.option("--from", "date_from", required=True, help="Start of the period, e.g. 2023-09.")
@click.option("--to", "date_to", required=True, help="End of the period, e.g. Q4 2023.")
@click.option(
    "--delimiter",
    type=click.Choice(sorted(DELIMITERS)),
    default=",",
    show_default=True,
    help="';' writes amounts with a decimal comma, for spreadsheets set to German.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="A .zip file, or a folder for the CSV files. Default: a zip named after the report.",
)
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    default="en",
    show_default=True,
    help="Language of the dates as shown.",
)
def export_funding(reference, programme, funder, date_from, date_to, delimiter, output, language):
    """Write the funding report of a grant, programme or funder (none: everything) for a
    period: activities, costs, budget, participants and aid deliveries, the same files as the
    report page."""
    with force_locale(language):
        start, end = _date(date_from, "--from"), _date(date_to, "--to")
        if end.end < start.start:
            raise click.BadParameter("The period cannot end before it starts.", param_hint="--to")
        grant, programme, funder = _chosen(reference, programme, funder)
        selection = FundingSelection.build(
            grant=grant, programme=programme, funder=funder, start=start.start, end=end.end
        )
        path = output or Path(f"{selection.file_stem}.zip")
        for written in write_report(selection, DELIMITERS[delimiter], path):
            click.echo(f"Wrote {written}")
        # Participants are named in the report: its leaving the product is audited.
        chosen = f"grant {reference}" if grant else selection.name
        detail = f"{path.resolve()}; {chosen}, {date_from} to {date_to}"
        if not record_command(AuditAction.EXPORT, detail):
            click.echo("Note: the audit log could not be written.", err=True)
