"""`flask demo`: load the demo story, and optionally a login to look at it with."""

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from partnership.auth.models import Role, User
from partnership.auth.services import create_user
from partnership.demo.story import load_demo_story
from partnership.extensions import db
from partnership.partners.models import City

DEMO_EMAIL = "demo@example.org"
DEMO_PASSWORD = "demo-partnership"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only into a database without any city.")
@click.option(
    "--login", is_flag=True, help=f"Create the admin {DEMO_EMAIL} when there are no users yet."
)
@with_appcontext
def demo_command(if_empty: bool, login: bool):
    """Load the Dortmund–Zhytomyr story (safe to run again: nothing is duplicated)."""
    if if_empty and _count(City):
        click.echo("The database holds data already; the demo story was not loaded.")
    elif load_demo_story():
        click.echo("Loaded the Dortmund–Zhytomyr demo story.")
    else:
        click.echo("The Dortmund–Zhytomyr demo story is already there; nothing changed.")
    if login and not _count(User):
        create_user(DEMO_EMAIL, DEMO_PASSWORD, Role.ADMIN, "Demo admin")
        db.session.commit()
    if login and db.session.scalars(select(User).where(User.email == DEMO_EMAIL)).first():
        click.echo(f"Demo login: {DEMO_EMAIL} / {DEMO_PASSWORD}")
