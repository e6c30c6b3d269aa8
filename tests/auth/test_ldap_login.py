"""Logging in with a directory account, against a real OpenLDAP slapd (see ldap_server.py)."""

import json
import socket
import time

import pytest
from conftest import PASSWORD, USERS, make_app
from sqlalchemy import func, select

from partnership.audit.models import AuditEntry
from partnership.auth import ldap
from partnership.auth.models import LoginAttempt, Role, User
from partnership.extensions import db

from .ldap_server import GROUPS, PEOPLE, SERVICE_DN, SERVICE_PASSWORD, TEST_PEOPLE, person_dn

WRONG = "The email, user name or password is not right."
UNREACHABLE = "The directory cannot be reached."
NO_GROUP = "Your directory account is in no group that may use this application."
ROLE_GROUPS = {
    # A group named by its DN (spelled differently from the server's answer) and two by name.
    "CN=partnership-admins, OU=groups, DC=example, DC=org": "admin",
    "partnership-editors": "editor",
    "office-staff": "viewer",
}


def password_of(uid: str) -> str:
    return TEST_PEOPLE[uid][2]


@pytest.fixture
def search_settings(slapd):
    """Search-then-bind with the service account; the settings as the environment gives them."""
    return {
        "LDAP_URL": slapd.url,
        "LDAP_BIND_DN": SERVICE_DN,
        "LDAP_BIND_PASSWORD": SERVICE_PASSWORD,
        "LDAP_BASE_DN": PEOPLE,
        "LDAP_ROLE_GROUPS": json.dumps(ROLE_GROUPS),
    }


@pytest.fixture
def bind_settings(slapd):
    """Bind directly as the user through a DN template; settings as instance/config.py has them."""
    return {
        "LDAP_URL": slapd.url,
        "LDAP_USER_DN_TEMPLATE": f"uid={{username}},{PEOPLE}",
        "LDAP_ROLE_GROUPS": ROLE_GROUPS,
    }


@pytest.fixture
def make_client(database_path):
    """Return a function giving (app, client) for this test's database with other settings."""
    apps = []

    def make(settings: dict):
        app = make_app(database_path, **settings)
        apps.append(app)
        return app, app.test_client()

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def login(client, account: str, password: str):
    return client.post("/login", data={"email": account, "password": password})


def logged_in(client) -> bool:
    with client.session_transaction() as session:
        return session.get("_user_id") is not None


def directory_user(app, uid: str) -> User | None:
    with app.app_context():
        return db.session.scalar(select(User).where(User.external_id == person_dn(uid)))


def audit_entries(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        ).all()


@pytest.mark.parametrize(
    ("mode", "account", "uid"),
    [
        ("search", "ada", "ada"),
        ("search", "ada@city.example", "ada"),
        ("search", "juergen", "juergen"),
        ("bind", "ada", "ada"),
        ("bind", "juergen", "juergen"),
    ],
)
def test_directory_user_logs_in_and_gets_a_local_row(
    make_client, search_settings, bind_settings, mode, account, uid
):
    app, client = make_client(search_settings if mode == "search" else bind_settings)
    response = login(client, account, password_of(uid))
    assert response.status_code == 302, response.text
    assert response.headers["Location"] == "/"
    assert logged_in(client)

    name, mail = TEST_PEOPLE[uid][:2]
    user = directory_user(app, uid)
    assert (user.name, user.email, user.auth_source) == (name, mail, "ldap")
    assert user.role == (Role.ADMIN if uid == "ada" else Role.VIEWER)
    assert name in client.get("/").text
    [entry] = audit_entries(app, "login")
    assert (entry.method, entry.user_id) == ("ldap", user.id)


@pytest.mark.parametrize("groups_from", ["memberOf", "group search"])
def test_role_follows_the_mapped_group_and_its_changes(
    make_client, search_settings, slapd, groups_from
):
    if groups_from == "group search":
        search_settings["LDAP_GROUP_BASE_DN"] = GROUPS
    app, client = make_client(search_settings)
    assert login(client, "vera", password_of("vera")).status_code == 302
    assert directory_user(app, "vera").role == Role.VIEWER
    client.post("/logout")

    with slapd.moved("vera", "office-staff", "partnership-editors"):
        assert login(client, "vera", password_of("vera")).status_code == 302
    assert directory_user(app, "vera").role == Role.EDITOR
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(User.auth_source == "ldap")) == 1


def test_user_in_no_mapped_group_is_refused_with_a_clear_message(make_client, search_settings):
    app, client = make_client(search_settings)
    response = login(client, "nora", password_of("nora"))
    assert response.status_code == 403
    assert NO_GROUP in response.text
    assert not logged_in(client)
    assert directory_user(app, "nora") is None
    [entry] = audit_entries(app, "login-failed")
    assert (entry.method, entry.detail) == ("ldap", "no-mapped-group")


def test_default_role_lets_in_a_user_in_no_mapped_group(make_client, search_settings):
    app, client = make_client({**search_settings, "LDAP_DEFAULT_ROLE": "viewer"})
    assert login(client, "nora", password_of("nora")).status_code == 302
    assert directory_user(app, "nora").role == Role.VIEWER


@pytest.mark.parametrize("mode", ["search", "bind"])
def test_wrong_password_is_refused_and_audited_without_the_password(
    make_client, search_settings, bind_settings, mode
):
    app, client = make_client(search_settings if mode == "search" else bind_settings)
    response = login(client, "ada", "not-adas-password")
    assert response.status_code == 401
    assert WRONG in response.text
    assert "not-adas-password" not in response.text
    assert not logged_in(client)
    [entry] = audit_entries(app, "login-failed")
    assert (entry.method, entry.actor, entry.detail) == ("ldap", "ada", "wrong-password")
    every_column = " ".join(str(value) for value in vars(entry).values())
    assert "not-adas-password" not in every_column


def test_failed_directory_logins_count_toward_the_lock(make_client, search_settings):
    app, client = make_client(search_settings)
    for _attempt in range(app.config["LOGIN_ATTEMPTS_PER_ACCOUNT"]):
        assert login(client, "ada", "not-adas-password").status_code == 401
    response = login(client, "ada", password_of("ada"))
    assert response.status_code == 429
    assert not logged_in(client)


@pytest.mark.parametrize("mode", ["search", "bind"])
@pytest.mark.parametrize(
    "account", ["*", "ada)(uid=*", "*)(|(uid=*", "ad*", "ada)(|(objectClass=*", "uid=ada,ou=people"]
)
def test_filter_or_dn_injection_does_not_log_in(
    make_client, search_settings, bind_settings, mode, account
):
    app, client = make_client(search_settings if mode == "search" else bind_settings)
    response = login(client, account, password_of("ada"))
    assert response.status_code == 401
    assert not logged_in(client)
    assert directory_user(app, "ada") is None


def test_empty_password_is_refused_before_any_bind(make_client, search_settings):
    app, client = make_client(search_settings)
    response = login(client, "ada", "")
    assert response.status_code != 302
    assert not logged_in(client)
    # Not even asked: a directory that cannot be reached would otherwise be the error.
    unreachable = {**search_settings, "LDAP_URL": "ldap://127.0.0.1:1"}
    for login_name, password in [("ada", ""), ("", "something")]:
        with pytest.raises(ldap.DirectoryRefused):
            ldap.check_password(login_name, password, unreachable)


def test_unreachable_directory_gives_a_clear_message_not_a_500(make_client, search_settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    app, client = make_client({**search_settings, "LDAP_URL": f"ldap://127.0.0.1:{closed_port}"})
    response = login(client, "ada", password_of("ada"))
    assert response.status_code == 503
    assert UNREACHABLE in response.text
    assert not logged_in(client)
    [entry] = audit_entries(app, "login-failed")
    assert (entry.method, entry.detail) == ("ldap", "directory-unreachable")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_a_directory_that_never_answers_times_out(make_client, search_settings):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # connections are accepted by the kernel, and never answered
        port = silent.getsockname()[1]
        settings = {**search_settings, "LDAP_URL": f"ldap://127.0.0.1:{port}"}
        app, client = make_client({**settings, "LDAP_TIMEOUT_SECONDS": 1})
        started = time.monotonic()
        response = login(client, "ada", password_of("ada"))
    assert response.status_code == 503
    assert UNREACHABLE in response.text
    assert time.monotonic() - started < 10


def test_wrong_role_settings_give_a_clear_message_not_a_500(make_client, search_settings):
    app, client = make_client({**search_settings, "LDAP_ROLE_GROUPS": '{"office-staff": "boss"}'})
    response = login(client, "vera", password_of("vera"))
    assert response.status_code == 503
    assert UNREACHABLE in response.text


def test_local_account_still_logs_in_with_the_directory_configured(make_client, search_settings):
    app, client = make_client(search_settings)
    assert login(client, USERS[Role.EDITOR], "not-the-password-42").status_code == 401
    assert login(client, USERS[Role.EDITOR], PASSWORD).status_code == 302
    assert logged_in(client)
    (failed,) = audit_entries(app, "login-failed")
    (succeeded,) = audit_entries(app, "login")
    assert (failed.method, succeeded.method) == ("local", "local")


def test_disabled_row_of_a_directory_user_stays_refused(make_client, search_settings):
    app, client = make_client(search_settings)
    assert login(client, "ada", password_of("ada")).status_code == 302
    client.post("/logout")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.external_id == person_dn("ada")))
        user.active, user.name = False, "Renamed Here"
        db.session.commit()
    response = login(client, "ada", password_of("ada"))
    assert response.status_code == 403
    assert not logged_in(client)
    user = directory_user(app, "ada")
    assert (user.active, user.name) == (False, "Renamed Here"), "the refused login changed the row"


def test_directory_account_cannot_take_over_a_local_account_by_email(make_client, search_settings):
    app, client = make_client(search_settings)
    response = login(client, "clash", password_of("clash"))
    assert response.status_code == 409
    assert f"A local account with the email {USERS[Role.VIEWER]} exists already." in response.text
    assert not logged_in(client)
    with app.app_context():
        local = db.session.scalar(select(User).where(User.email == USERS[Role.VIEWER]))
        assert (local.auth_source, local.external_id) == ("local", None)


def test_login_page_asks_for_email_or_user_name_only_with_a_directory(make_client, search_settings):
    _app, client = make_client(search_settings)
    page = client.get("/login").text
    assert "Email or user name" in page
    assert 'type="text"' in page and 'type="email"' not in page
    _app, local_only = make_client({})
    page = local_only.get("/login").text
    assert "Email or user name" not in page
    assert 'type="email"' in page


@pytest.mark.parametrize("transport", ["ldaps", "starttls"])
def test_encrypted_connection_checks_the_certificate(
    make_client, search_settings, slapd, transport
):
    if transport == "ldaps":
        search_settings["LDAP_URL"] = slapd.ldaps_url
    else:
        search_settings["LDAP_START_TLS"] = True
    _app, client = make_client({**search_settings, "LDAP_CA_FILE": str(slapd.ca_file)})
    assert login(client, "eddie", password_of("eddie")).status_code == 302

    for wrong in [
        {"LDAP_CA_FILE": str(slapd.other_ca_file)},  # signed by another CA
        {"LDAP_CA_FILE": ""},  # the system's CAs do not know the test CA
    ]:
        _app, client = make_client({**search_settings, **wrong})
        response = login(client, "eddie", password_of("eddie"))
        assert response.status_code == 503
        assert UNREACHABLE in response.text
        assert not logged_in(client)


def test_ldaps_refuses_a_certificate_for_another_host(make_client, search_settings, slapd):
    # The test certificate names 127.0.0.1 only.
    url = slapd.ldaps_url.replace("127.0.0.1", "localhost")
    _app, client = make_client(
        {**search_settings, "LDAP_URL": url, "LDAP_CA_FILE": str(slapd.ca_file)}
    )
    assert login(client, "eddie", password_of("eddie")).status_code == 503


def test_user_principal_name_template_refuses_names_that_are_not_user_names():
    settings = {
        "LDAP_URL": "ldap://127.0.0.1:1",
        "LDAP_USER_DN_TEMPLATE": "{username}@city.example",
        "LDAP_BASE_DN": "dc=city,dc=example",
    }
    for login_name in ["cn=admin,dc=city,dc=example", "anna)(x", "a\\b", "@city.example"]:
        with pytest.raises(ldap.DirectoryRefused):
            ldap.check_password(login_name, "a password", settings)
    # A proper name is asked for (and here meets no directory).
    with pytest.raises(ldap.DirectoryUnreachable):
        ldap.check_password("anna@city.example", "a password", settings)


def test_settings_come_from_the_environment(monkeypatch, make_client, slapd):
    for name, value in {
        "LDAP_URL": slapd.url,
        "LDAP_START_TLS": "1",
        "LDAP_CA_FILE": str(slapd.ca_file),
        "LDAP_TIMEOUT_SECONDS": "3",
        "LDAP_BIND_DN": SERVICE_DN,
        "LDAP_BIND_PASSWORD": SERVICE_PASSWORD,
        "LDAP_BASE_DN": PEOPLE,
        "LDAP_GROUP_BASE_DN": GROUPS,
        "LDAP_ROLE_GROUPS": json.dumps(ROLE_GROUPS),
    }.items():
        monkeypatch.setenv(name, value)
    app, client = make_client({})
    assert (app.config["LDAP_START_TLS"], app.config["LDAP_TIMEOUT_SECONDS"]) == (True, 3)
    assert login(client, "eddie", password_of("eddie")).status_code == 302
    assert directory_user(app, "eddie").role == Role.EDITOR


def test_a_refused_service_account_is_reported_as_unreachable(make_client, search_settings):
    app, client = make_client({**search_settings, "LDAP_BIND_PASSWORD": "not-the-service-one"})
    response = login(client, "ada", password_of("ada"))
    assert response.status_code == 503
    assert UNREACHABLE in response.text
