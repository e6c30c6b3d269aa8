"""`flask users …`: manage logins from the command line."""

import sys

import click
from flask.cli import with_appcontext

from partnership.auth import services
from partnership.auth.models import OFFICE_ROLES, Role
from partnership.extensions import db


@click.group("users")
def users_cli():
    """Manage the users who can log in."""


@users_cli.command("create")
@click.argument("email")
@click.option(
    "--role", type=click.Choice([r.value for r in OFFICE_ROLES]), default=Role.VIEWER.value
)
@click.option("--name", default="", help="The user's name as shown in the application.")
@with_appcontext
def create_user_command(email: str, role: str, name: str):
    """Create a user; the password is read from standard input, or prompted on a terminal."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = services.create_user(email, password, Role(role), name)
    except services.UserError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}.")
