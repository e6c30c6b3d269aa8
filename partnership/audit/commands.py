"""`flask audit prune`: delete audit entries older than the retention period."""

import click
from flask import current_app
from flask.cli import AppGroup

from partnership.audit.services import prune
from partnership.extensions import db

audit_cli = AppGroup("audit", help="Look after the audit log.")


@audit_cli.command("prune")
def prune_command():
    """Delete audit entries older than AUDIT_RETENTION_DAYS."""
    removed = prune()
    db.session.commit()
    days = current_app.config["AUDIT_RETENTION_DAYS"]
    click.echo(f"Deleted {removed} audit entries older than {days} days.")
