"""`flask backup FILE` and `flask restore FILE`."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from partnership.audit.models import AuditAction
from partnership.audit.services import record_command
from partnership.auth import sessions
from partnership.backup import BackupError, backup, restore
from partnership.documents.backup import backup_documents, restore_documents
from partnership.extensions import db


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path):
    """Write a consistent copy of the database to FILE, while the application runs."""
    try:
        backup(current_app.config["SQLALCHEMY_DATABASE_URI"], file)
        documents = backup_documents(file)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {file}; {documents}")
    _audit(AuditAction.BACKUP, f"written to {file.resolve()}")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask; replace the current data.")
@with_appcontext
def restore_command(file: Path, yes: bool):
    """Replace the current database with the backup in FILE."""
    if not yes:
        if not sys.stdin.isatty():
            raise click.ClickException("Restoring replaces all current data; add --yes.")
        click.confirm("Replace ALL current data with the backup?", abort=True)
    db.engine.dispose()
    try:
        restore(current_app.config["SQLALCHEMY_DATABASE_URI"], file)
        click.echo(restore_documents(file))
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    # The backup's sessions were live when it was made; none of them may open anything now.
    ended = sessions.end_every_session()
    db.session.commit()
    click.echo(f"Restored the database from {file}; {ended} session(s) from the backup ended.")
    _audit(AuditAction.RESTORED, f"database replaced from the backup {file.resolve()}")


def _audit(action: AuditAction, detail: str) -> None:
    if not record_command(action, detail):
        click.echo("Note: the audit log could not be written.", err=True)
