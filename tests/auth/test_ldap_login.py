"""Logging in with a directory account, against a real OpenLDAP slapd (see ldap_server.py)."""

import json
import socket
import time
from contextlib import contextmanager

import pytest
from conftest import PASSWORD, USERS, make_app
from ldap3 import BASE, MODIFY_REPLACE
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from partnership.audit.models import AuditEntry
from partnership.auth import directory, ldap, password_login
from partnership.auth.models import LoginAttempt, Role, User
from partnership.extensions import db

from .ldap_server import GROUPS, PEOPLE, SERVICE_DN, SERVICE_PASSWORD, TEST_PEOPLE, person_dn

WRONG = "The email, user name or password is not right."
UNREACHABLE = "The directory cannot be reached."
NO_GROUP = "Your directory account is in no group that may use this application."
EMAIL_TAKEN = "An account with this e-mail exists already; ask an administrator."
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
        # Refusals padded to a second (the default with a directory) would slow every test.
        app = make_app(database_path, **{"LOGIN_REFUSAL_MIN_SECONDS": 0, **settings})
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
    assert EMAIL_TAKEN in response.text
    assert not logged_in(client)
    assert audit_entries(app, "login-failed")[-1].detail == "email-taken"
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


@contextmanager
def directory_entry_changed(slapd, uid: str, **attributes):
    """Give `uid`'s entry other attribute values for the length of a test."""
    with slapd.admin() as conn:
        conn.search(person_dn(uid), "(objectClass=*)", BASE, attributes=list(attributes))
        before = {name: conn.entries[0][name].values for name in attributes}
        conn.modify(person_dn(uid), {k: [(MODIFY_REPLACE, [v])] for k, v in attributes.items()})
        assert conn.result["description"] == "success", conn.result
    try:
        yield
    finally:
        with slapd.admin() as conn:
            conn.modify(person_dn(uid), {k: [(MODIFY_REPLACE, v)] for k, v in before.items()})


@contextmanager
def second_entry(slapd, uid: str, mail: str):
    """Add another person with `mail` (AD's "anna" and "anna-adm") for the length of a test."""
    with slapd.admin() as conn:
        attributes = {"cn": uid, "sn": uid, "mail": mail, "userPassword": f"{uid}-password-1"}
        conn.add(person_dn(uid), "inetOrgPerson", attributes)
        assert conn.result["description"] == "success", conn.result
    try:
        yield f"{uid}-password-1"
    finally:
        with slapd.admin() as conn:
            conn.delete(person_dn(uid))


def test_second_entry_with_the_same_mail_does_not_get_the_first_ones_row(
    make_client, search_settings, slapd
):
    app, client = make_client({**search_settings, "LDAP_DEFAULT_ROLE": "viewer"})
    assert login(client, "vera", password_of("vera")).status_code == 302
    vera = directory_user(app, "vera")
    client.post("/logout")

    with second_entry(slapd, "vera-adm", TEST_PEOPLE["vera"][1]) as password:
        response = login(client, "vera-adm", password)
    assert response.status_code == 409
    assert EMAIL_TAKEN in response.text
    assert not logged_in(client)
    assert directory_user(app, "vera").id == vera.id  # still vera's own entry's row
    assert directory_user(app, "vera-adm") is None
    assert audit_entries(app, "login-failed")[-1].detail == "email-taken"


@pytest.mark.parametrize("taken", [USERS[Role.VIEWER], USERS[Role.VIEWER].capitalize()])
def test_mail_changed_to_another_rows_keeps_the_old_one(make_client, search_settings, slapd, taken):
    app, client = make_client(search_settings)
    assert login(client, "vera", password_of("vera")).status_code == 302
    client.post("/logout")

    with directory_entry_changed(slapd, "vera", mail=taken):
        response = login(client, "vera", password_of("vera"))
    assert response.status_code == 302
    assert directory_user(app, "vera").email == TEST_PEOPLE["vera"][1]
    with app.app_context():
        holders = db.session.scalars(
            select(User).where(func.lower(User.email) == USERS[Role.VIEWER])
        ).all()
        assert [(user.auth_source, user.email) for user in holders] == [
            ("local", USERS[Role.VIEWER])
        ]


def test_mail_and_name_changes_follow_the_directory_and_are_audited(
    make_client, search_settings, slapd
):
    app, client = make_client(search_settings)
    assert login(client, "vera", password_of("vera")).status_code == 302
    client.post("/logout")
    with directory_entry_changed(slapd, "vera", mail="vera.new@city.example", cn="Vera New"):
        assert login(client, "vera", password_of("vera")).status_code == 302
    user = directory_user(app, "vera")
    assert (user.email, user.name) == ("vera.new@city.example", "Vera New")
    [changed] = audit_entries(app, "user-changed")
    old, new = "vera@city.example", "vera.new@city.example"
    assert changed.detail == f"{new}: email {old}→{new}, name"
    assert changed.user_id == user.id


def test_a_clash_found_only_when_saving_is_refused_not_a_500(
    make_client, search_settings, monkeypatch
):
    def clashing(*_args):
        raise IntegrityError("INSERT INTO user", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(directory, "provision", clashing)
    app, client = make_client(search_settings)
    response = login(client, "vera", password_of("vera"))
    assert response.status_code == 409
    assert "Your account could not be set up here." in response.text
    assert audit_entries(app, "login-failed")[-1].detail == "account-conflict"


def test_first_login_and_a_promotion_from_the_directory_are_audited(
    make_client, search_settings, slapd
):
    app, client = make_client(search_settings)
    assert login(client, "vera", password_of("vera")).status_code == 302
    client.post("/logout")
    user = directory_user(app, "vera")
    [created] = [entry for entry in audit_entries(app, "user-created") if entry.user_id]
    assert (created.user_id, created.detail) == (user.id, "vera@city.example role=viewer via ldap")

    assert login(client, "vera", password_of("vera")).status_code == 302
    client.post("/logout")
    assert audit_entries(app, "user-changed") == []  # nothing changed
    with slapd.moved("vera", "office-staff", "partnership-admins"):
        assert login(client, "vera", password_of("vera")).status_code == 302
    [changed] = audit_entries(app, "user-changed")
    assert (changed.user_id, changed.detail) == (user.id, "vera@city.example: role viewer→admin")


def test_refusals_take_as_long_for_local_and_unknown_accounts(make_client, search_settings):
    _app, client = make_client({**search_settings, "LOGIN_REFUSAL_MIN_SECONDS": 0.3})
    for account in [USERS[Role.EDITOR], "nobody-here"]:
        started = time.monotonic()
        assert login(client, account, "not-the-password-42").status_code == 401
        assert time.monotonic() - started >= 0.3, account


def test_refusals_last_a_second_by_default_with_a_directory_only(database_path):
    for settings, seconds in [({"LDAP_URL": "ldaps://dc.city.example"}, 1.0), ({}, 0.0)]:
        app = make_app(database_path, **settings)
        with app.app_context():
            assert password_login.refusal_min_seconds() == seconds
            db.engine.dispose()


@pytest.mark.parametrize(
    ("url", "start_tls", "accepted"),
    [
        ("ldap://dc.city.example", False, False),
        ("ldap://10.1.2.3:389", False, False),
        ("dc.city.example", False, False),
        ("ldap://localhost.city.example", False, False),
        ("ldap://dc.city.example", True, True),
        ("ldaps://dc.city.example", False, True),
        ("ldap://127.0.0.1:389", False, True),
        ("ldap://[::1]:389", False, True),
        ("ldap://localhost", False, True),
    ],
)
def test_plain_ldap_is_refused_unless_on_this_machine(url, start_tls, accepted):
    config = {"LDAP_URL": url, "LDAP_START_TLS": start_tls, "LDAP_BASE_DN": PEOPLE}
    if accepted:
        assert ldap.Settings.from_config(config).url == url
    else:
        with pytest.raises(ldap.DirectoryUnreachable, match="plain LDAP"):
            ldap.Settings.from_config(config)


def test_plain_ldap_to_another_machine_refuses_logins_and_says_why_in_the_log(
    make_client, search_settings, caplog
):
    app, client = make_client({**search_settings, "LDAP_URL": "ldap://192.0.2.1"})
    response = login(client, "vera", password_of("vera"))
    assert response.status_code == 503
    assert UNREACHABLE in response.text
    assert "is plain LDAP to another machine" in caplog.text
    assert audit_entries(app, "login-failed")[-1].detail == "directory-unreachable"


def test_referrals_are_not_followed(search_settings):
    settings = ldap.Settings.from_config(search_settings)
    with ldap._connection(settings, SERVICE_DN, SERVICE_PASSWORD) as connection:
        assert connection.auto_referrals is False
