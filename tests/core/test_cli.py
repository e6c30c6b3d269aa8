"""The command line: `flask users create` and `flask demo`."""

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import PASSWORD, USERS, database_uri
from sqlalchemy import create_engine, func, select, text
from werkzeug.security import check_password_hash

from partnership.auth.models import Role, User
from partnership.demo.story import story
from partnership.extensions import db
from partnership.partners.models import City

PROJECT = Path(__file__).resolve().parents[2]
CLI_PASSWORD = "Phoenix-See-am-Abend"


def find_user(app, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == email)).first()
        if user is not None:
            db.session.expunge(user)
        return user


def table_counts(app) -> dict[str, int]:
    """Count the rows of every table of the schema."""
    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        }


# users create ----------------------------------------------------------------------------------


def test_users_create_makes_a_user_with_the_role(runner, app):
    result = runner.invoke(
        args=["users", "create", "lena@example.org", "--role", "editor", "--name", "Lena Vogt"],
        input=f"{CLI_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "lena@example.org" in result.output
    user = find_user(app, "lena@example.org")
    assert user is not None
    assert user.role == Role.EDITOR
    assert user.name == "Lena Vogt"
    assert user.active
    assert user.password_hash != CLI_PASSWORD
    assert user.check_password(CLI_PASSWORD)
    assert CLI_PASSWORD not in result.output


def test_users_create_defaults_to_viewer(runner, app):
    result = runner.invoke(args=["users", "create", "max@example.org"], input=f"{CLI_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert find_user(app, "max@example.org").role == Role.VIEWER


def test_user_created_on_the_command_line_can_log_in(runner, app, client):
    runner.invoke(
        args=["users", "create", "chef@example.org", "--role", "admin"],
        input=f"{CLI_PASSWORD}\n",
    )
    response = client.post("/login", data={"email": "chef@example.org", "password": CLI_PASSWORD})
    assert response.status_code == 302
    assert client.get("/users/").status_code == 200


def test_users_create_refuses_a_duplicate_email(runner, app):
    before = table_counts(app)["user"]
    result = runner.invoke(
        args=["users", "create", USERS[Role.VIEWER].upper(), "--role", "admin"],
        input=f"{CLI_PASSWORD}\n",
    )
    assert result.exit_code != 0
    assert "exists already" in result.output
    assert "Traceback" not in result.output
    assert table_counts(app)["user"] == before
    viewer = find_user(app, USERS[Role.VIEWER])
    assert viewer.role == Role.VIEWER
    assert viewer.check_password(PASSWORD)


def test_users_create_refuses_a_short_password(runner, app):
    before = table_counts(app)["user"]
    result = runner.invoke(args=["users", "create", "short@example.org"], input="kurz\n")
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output
    assert table_counts(app)["user"] == before
    assert find_user(app, "short@example.org") is None


def test_users_create_refuses_an_empty_password(runner, app):
    result = runner.invoke(args=["users", "create", "empty@example.org"], input="")
    assert result.exit_code != 0
    assert find_user(app, "empty@example.org") is None


def test_users_create_refuses_an_unknown_role(runner, app):
    result = runner.invoke(
        args=["users", "create", "boss@example.org", "--role", "superuser"],
        input=f"{CLI_PASSWORD}\n",
    )
    assert result.exit_code != 0
    assert "superuser" in result.output
    assert find_user(app, "boss@example.org") is None


# demo ------------------------------------------------------------------------------------------


STORY_TABLES = (
    "city",
    "city_name",
    "organisation",
    "contact",
    "partnership",
    "delegation",
    "delegation_member",
    "event",
    "visit",
    "programme_item",
    "agreement",
    "agreement_party",
    "planned_exchange",
    "topic",
    "event_topic",
    "press_article",
    "event_press_article",
    "funding_grant",
    "grant_event",
)


def test_demo_loads_the_story(runner, app):
    before = table_counts(app)
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Loaded" in result.output
    after = table_counts(app)
    empty = [name for name in STORY_TABLES if after[name] <= before[name]]
    assert not empty, f"the demo wrote nothing into {empty}"
    assert after["user"] == before["user"]


def test_demo_twice_changes_and_duplicates_nothing(runner, app):
    assert runner.invoke(args=["demo"]).exit_code == 0
    once = table_counts(app)
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.output
    assert "Loaded" not in result.output
    assert table_counts(app) == once
    with app.app_context():
        names = list(db.session.scalars(select(City.name)))
    assert sorted(names) == sorted(city["name"] for city in story()["cities"])


def test_demo_if_empty_loads_into_an_empty_database(runner, app):
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "Loaded" in result.output
    assert table_counts(app)["visit"] == 2


def test_demo_if_empty_leaves_a_database_with_data_alone(runner, app):
    with app.app_context():
        db.session.add(City(name="Leeds", country_code="GB"))
        db.session.commit()
    before = table_counts(app)
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "not loaded" in result.output
    assert table_counts(app) == before
    with app.app_context():
        assert list(db.session.scalars(select(City.name))) == ["Leeds"]


def remove_all_users(app) -> None:
    with app.app_context():
        db.session.execute(User.__table__.delete())
        db.session.commit()


def test_demo_login_prints_a_login_that_works(runner, app, client):
    remove_all_users(app)
    result = runner.invoke(args=["demo", "--login"])
    assert result.exit_code == 0, result.output
    match = re.search(r"Demo login: (\S+@\S+) / (\S+)", result.output)
    assert match, result.output
    email, password = match.groups()

    demo_user = find_user(app, email)
    assert demo_user is not None
    assert demo_user.password_hash != password

    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Demo admin" in home.text
    assert client.get("/visits/").status_code == 200


def test_demo_login_twice_creates_one_user(runner, app):
    remove_all_users(app)
    runner.invoke(args=["demo", "--login"])
    result = runner.invoke(args=["demo", "--if-empty", "--login"])
    assert result.exit_code == 0, result.output
    assert "Demo login:" in result.output
    assert table_counts(app)["user"] == 1


def test_demo_login_adds_no_account_beside_real_users(runner, app):
    before = table_counts(app)["user"]
    result = runner.invoke(args=["demo", "--login"])
    assert result.exit_code == 0, result.output
    assert table_counts(app)["user"] == before
    # With real users the demo account is not created, so no login may be advertised.
    assert "Demo login:" not in result.output


# the real command line -------------------------------------------------------------------------


def run_flask(args: list[str], env: dict, stdin: str = "") -> subprocess.CompletedProcess:
    flask = Path(sys.executable).parent / "flask"
    return subprocess.run(
        [str(flask), "--app", "partnership", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=120,
        check=False,
    )


def test_real_cli_creates_a_user(empty_database):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("FLASK_")},
        "DATABASE_URL": database_uri(empty_database),
        "SECRET_KEY": "cli-test-secret",
    }
    upgraded = run_flask(["db", "upgrade"], env)
    assert upgraded.returncode == 0, upgraded.stderr

    created = run_flask(
        ["users", "create", "ops@example.org", "--role", "admin", "--name", "Ops"],
        env,
        stdin=f"{CLI_PASSWORD}\n",
    )
    assert created.returncode == 0, created.stderr
    assert "ops@example.org" in created.stdout
    assert CLI_PASSWORD not in created.stdout + created.stderr

    again = run_flask(["users", "create", "ops@example.org"], env, stdin=f"{CLI_PASSWORD}\n")
    assert again.returncode != 0
    assert "exists already" in again.stderr + again.stdout

    engine = create_engine(database_uri(empty_database))
    try:
        with engine.connect() as connection:
            query = text('SELECT email, role, active, password_hash FROM "user"')
            rows = connection.execute(query).all()
    finally:
        engine.dispose()
    assert len(rows) == 1
    email, role, active, password_hash = rows[0]
    assert (email, role, active) == ("ops@example.org", "admin", 1)
    assert password_hash != CLI_PASSWORD
    assert check_password_hash(password_hash, CLI_PASSWORD)
