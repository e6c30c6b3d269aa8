"""`flask import ENTITY FILE`: the same checks as the import page, for scripts and large files."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from partnership.extensions import db
from partnership.imports.columns import ImportFileError
from partnership.imports.display import error_text, headings
from partnership.imports.kinds import importable, importables
from partnership.imports.plans import UPDATE
from partnership.imports.readers import read_table
from partnership.imports.services import ImportRefused, apply_plan, plan_import


class ImportableKind(click.ParamType):
    """The name of a kind of record an import can bring in, e.g. `contacts`."""

    name = "kind"

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        entity = importable(value)
        if entity is None:
            names = ", ".join(sorted(importables()))
            self.fail(f"{value!r} cannot be imported; choose one of: {names}.", param, ctx)
        return entity


@click.command("import")
@click.argument("entity", type=ImportableKind())
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and tell what would change.")
@click.option(
    "--delimiter",
    type=click.Choice([",", ";", "tab", "comma", "semicolon"]),
    help="How CSV columns are separated (default: detected).",
)
@click.option(
    "--create-missing",
    is_flag=True,
    help="Create cities, organisations, delegations and topics that the file names.",
)
@with_appcontext
def import_command(entity, file: Path, dry_run: bool, delimiter, create_missing: bool):
    """Import ENTITY records from FILE (CSV or XLSX): every row, or none at all."""
    try:
        table = read_table(
            file.read_bytes(), file.name, delimiter, current_app.config["IMPORT_MAX_ROWS"]
        )
        with click.progressbar(length=len(table.rows), label=_("Checking rows")) as bar:
            plan = plan_import(entity, table, create_missing, progress=bar.update)
    except ImportFileError as error:
        raise click.ClickException(str(error)) from error
    _echo_plan(plan)
    if dry_run:
        _echo_changes(plan)
        click.echo(_("Dry run: nothing was written."))
        return
    with click.progressbar(length=len(plan.rows), label=_("Writing")) as bar:
        try:
            written = apply_plan(plan, progress=bar.update)
            db.session.commit()
        except ImportRefused:
            db.session.rollback()
            _echo_plan(plan)  # now with the refused rows' errors: exits with status 1
        except SQLAlchemyError as error:
            db.session.rollback()
            reason = getattr(error, "orig", None) or error
            message = _(
                "Nothing was imported: the database refused the changes (%(reason)s).",
                reason=reason,
            )
            raise click.ClickException(message) from error
    click.echo(_("%(count)d records written.", count=written))


def _echo_plan(plan) -> None:
    """Print every error and what the file would do; exit with status 1 if it has errors."""
    names = headings(plan)
    for error in plan.errors:
        click.echo(error_text(error, names), err=True)
    click.echo(plan.summary())
    for kind, names in plan.created.items():
        click.echo(_("Creates (%(kind)s): %(names)s", kind=kind, names=", ".join(names)))
    if not plan.ok:
        raise click.ClickException(_("Nothing was imported; correct the errors above."))


def _echo_changes(plan) -> None:
    for row in plan.rows:
        if row.status != UPDATE:
            continue
        changes = "; ".join(
            f"{c.column.name}: {c.column.kind.write(c.old)} → {c.column.kind.write(c.new)}"
            for c in row.changes
        )
        click.echo(
            _(
                "Row %(row)d updates “%(label)s”: %(changes)s",
                row=row.number,
                label=row.label,
                changes=changes,
            )
        )
