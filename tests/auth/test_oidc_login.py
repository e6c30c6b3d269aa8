"""Logging in through OpenID Connect, against a real provider (oidc-provider under Node)."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import PASSWORD, make_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from partnership.audit.models import AuditEntry
from partnership.auth import oidc
from partnership.auth.models import Role, User
from partnership.auth.services import create_user
from partnership.auth.sessions import UserSession
from partnership.extensions import db

from .oidc_provider import (
    REDIRECT_URI,
    ProviderProcess,
    answer_of_provider,
    free_port,
    missing_tools,
)

EMAIL_TAKEN = "An account with this e-mail exists already; ask an administrator."


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    """One provider for the session, started by its script and stopped by its PID."""
    if reason := missing_tools():
        pytest.skip(reason)
    process = ProviderProcess(tmp_path_factory.mktemp("oidc") / "provider.log")
    yield process
    process.stop()


@pytest.fixture
def app(database_path, provider):
    app = make_app(database_path, **provider.settings())
    yield app
    with app.app_context():
        db.engine.dispose()


def start_login(client, next_target=None) -> str:
    """Press "Log in with City account"; return the provider's address the app sends us to."""
    response = client.get("/login/oidc", query_string={"next": next_target} if next_target else {})
    assert response.status_code == 302
    return response.headers["Location"]


def callback_path(url: str) -> str:
    assert url.startswith(REDIRECT_URI)
    return url.removeprefix("http://localhost")


def log_in(client, login: str, next_target=None):
    """Log in as `login` at the provider and follow the answer back into the app."""
    answer = answer_of_provider(start_login(client, next_target), login)
    return client.get(callback_path(answer), follow_redirects=True)


def audit_entries(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        ).all()


def oidc_users(app) -> list[User]:
    with app.app_context():
        return db.session.scalars(select(User).where(User.auth_source == "oidc")).all()


def test_login_page_offers_the_provider(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Log in with City account" in page
    assert 'href="/login/oidc"' in page


def test_authorization_request_uses_pkce_state_and_nonce(client, provider):
    address = urlsplit(start_login(client))
    query = parse_qs(address.query)
    assert address.netloc == f"127.0.0.1:{provider.port}"
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43  # base64url of a SHA-256 digest
    assert len(query["nonce"][0]) >= 20
    assert len(query["state"][0]) >= 20
    assert query["redirect_uri"] == [REDIRECT_URI]
    assert "openid" in query["scope"][0].split()


def test_first_login_makes_the_local_user_with_the_mapped_role(app, client):
    response = log_in(client, "ada", next_target="/users/")

    assert response.status_code == 200
    assert response.request.path == "/users/"  # the page asked for before leaving the site
    assert "Welcome, Ada Admin." in response.get_data(as_text=True)
    [user] = oidc_users(app)
    assert (user.email, user.name, user.role) == ("ada.admin@city.example", "Ada Admin", Role.ADMIN)
    assert user.external_id.endswith("|ada")
    [entry] = audit_entries(app, "login")
    assert (entry.method, entry.actor, entry.user_id) == ("oidc", user.email, user.id)


def test_next_target_off_the_site_is_dropped(app, client):
    response = log_in(client, "ada", next_target="//evil.example/users/")
    assert response.request.path == "/"
    assert "Welcome, Ada Admin." in response.get_data(as_text=True)


def test_registered_redirect_uri_can_be_given(database_path, provider):
    registered = "https://partnership.city.example/login/oidc/callback"
    app = make_app(database_path, **provider.settings(OIDC_REDIRECT_URI=registered))
    query = parse_qs(urlsplit(start_login(app.test_client())).query)
    assert query["redirect_uri"] == [registered]
    with app.app_context():
        db.engine.dispose()


def test_second_login_reuses_the_row(app, client):
    log_in(client, "ed")
    client.post("/logout")
    response = log_in(app.test_client(), "ed")

    assert "Welcome, Ed Editor." in response.get_data(as_text=True)
    [user] = oidc_users(app)
    assert user.role == Role.EDITOR  # the claim came as one string, not a list
    assert len(audit_entries(app, "login")) == 2


def test_role_follows_the_provider_at_each_login(app, database_path, provider):
    log_in(app.test_client(), "ada")
    demoted = make_app(
        database_path, **provider.settings(OIDC_ROLE_MAP='{"partnership-admins": "viewer"}')
    )
    log_in(demoted.test_client(), "ada")
    [user] = oidc_users(app)
    assert user.role == Role.VIEWER
    with demoted.app_context():
        db.engine.dispose()


def test_user_disabled_here_stays_out(app, client):
    log_in(client, "ed")
    with app.app_context():
        db.session.execute(update(User).where(User.auth_source == "oidc").values(active=False))
        db.session.commit()
    response = log_in(app.test_client(), "ed")

    assert response.request.path == "/login"
    assert "This account is disabled." in response.get_data(as_text=True)
    assert audit_entries(app, "login-failed")[-1].detail == "disabled"


def test_local_account_with_the_same_email_is_not_taken_over(app, client):
    with app.app_context():
        create_user("ada.admin@city.example", PASSWORD, Role.VIEWER, name="Local Ada")
        db.session.commit()
    response = log_in(client, "ada")

    assert EMAIL_TAKEN in response.get_data(as_text=True)
    assert oidc_users(app) == []
    assert audit_entries(app, "login-failed")[-1].detail == "email-taken"


def test_user_without_a_mapped_role_is_refused(app, client):
    response = log_in(client, "nora")

    assert response.request.path == "/login"
    assert "has no role in this application" in response.get_data(as_text=True)
    assert oidc_users(app) == []
    assert client.get("/").status_code == 302  # still not logged in
    [entry] = audit_entries(app, "login-failed")
    assert (entry.method, entry.actor, entry.detail) == (
        "oidc",
        "nora.nobody@city.example",
        "no-role; roles: canteen",
    )


def test_default_role_lets_unmapped_users_in(database_path, provider):
    app = make_app(database_path, **provider.settings(OIDC_DEFAULT_ROLE="viewer"))
    log_in(app.test_client(), "nora")
    [user] = oidc_users(app)
    assert user.role == Role.VIEWER
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    "query",
    [
        "?code=stolen&state=forged",
        "?code=stolen",
        "?state=forged",
        "",
    ],
)
def test_answer_with_a_wrong_or_missing_state_is_refused(app, client, query):
    start_login(client)
    response = client.get(f"/login/oidc/callback{query}", follow_redirects=True)

    assert response.status_code == 200
    assert response.request.path == "/login"
    assert "belongs to no login started in this browser" in response.get_data(as_text=True)
    [entry] = audit_entries(app, "login-failed")
    assert (entry.method, entry.detail) == ("oidc", "state-mismatch")


def test_replayed_answer_is_refused(app, client):
    answer = callback_path(answer_of_provider(start_login(client), "ada"))
    cookie_before = client.get_cookie("session").value
    assert "Welcome" in client.get(answer, follow_redirects=True).get_data(as_text=True)

    # The same browser again: its state was used up.
    again = client.get(answer, follow_redirects=True)
    assert "belongs to no login started in this browser" in again.get_data(as_text=True)
    # A copy of the browser from before the answer: the state matches, the provider refuses
    # the code a second time.
    copy = app.test_client()
    copy.set_cookie("session", cookie_before)
    replayed = copy.get(answer, follow_redirects=True)
    assert replayed.request.path == "/login"
    assert "could not be completed" in replayed.get_data(as_text=True)
    assert copy.get("/").status_code == 302
    details = [entry.detail for entry in audit_entries(app, "login-failed")]
    assert details == ["state-mismatch", "token-refused invalid_grant"]


def test_only_the_latest_login_started_counts(app, client):
    abandoned = [start_login(client) for _attempt in range(20)]
    with client.session_transaction() as session:
        assert len([key for key in session if key.startswith("_state_oidc_")]) == 1
    assert len(client.get_cookie("session").value) < 1500

    earlier = client.get(callback_path(answer_of_provider(abandoned[0], "ada")))
    assert earlier.headers["Location"] == "/login"
    response = log_in(client, "ada")
    assert "Welcome, Ada Admin." in response.get_data(as_text=True)


def test_cancel_at_the_provider_comes_back_with_a_message(app, client):
    answer = answer_of_provider(start_login(client), "ada", cancel=True)
    assert "error=access_denied" in answer
    response = client.get(callback_path(answer), follow_redirects=True)

    assert response.request.path == "/login"
    assert "did not log you in" in response.get_data(as_text=True)
    [entry] = audit_entries(app, "login-failed")
    assert entry.detail == "provider-error access_denied"


def test_answer_naming_another_issuer_is_refused(app, client, provider):
    answer = callback_path(answer_of_provider(start_login(client), "ada"))
    path, query = answer.split("?")
    fields = parse_qs(query)
    assert fields["iss"] == [provider.issuer]  # the provider names itself (RFC 9207)
    fields["iss"] = ["https://evil.example"]
    response = client.get(path, query_string=fields, follow_redirects=True)
    assert "could not be completed" in response.get_data(as_text=True)
    assert oidc_users(app) == []
    assert audit_entries(app, "login-failed")[0].detail == "issuer-mismatch"


def _change_pending_login(client, **changes):
    with client.session_transaction() as session:
        [key] = [key for key in session if key.startswith("_state_oidc_")]
        pending = session[key]
        pending["data"].update(changes)
        session[key] = pending


def test_id_token_with_another_nonce_is_refused(app, client):
    answer = callback_path(answer_of_provider(start_login(client), "ada"))
    _change_pending_login(client, nonce="not-the-nonce-sent")
    response = client.get(answer, follow_redirects=True)

    assert "could not be completed" in response.get_data(as_text=True)
    assert oidc_users(app) == []
    assert audit_entries(app, "login-failed")[0].detail == "invalid-id-token invalid_claim"


def test_provider_checks_the_pkce_verifier(app, client):
    answer = callback_path(answer_of_provider(start_login(client), "ada"))
    _change_pending_login(client, code_verifier="x" * 64)
    response = client.get(answer, follow_redirects=True)

    assert "could not be completed" in response.get_data(as_text=True)
    assert audit_entries(app, "login-failed")[0].detail == "token-refused invalid_grant"


def test_unreachable_provider_gives_a_message_not_an_error(database_path):
    closed = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    app = make_app(
        database_path, OIDC_DISCOVERY_URL=closed, OIDC_CLIENT_ID="partnership", OIDC_LABEL="City"
    )
    client = app.test_client()
    response = client.get("/login/oidc", follow_redirects=True)

    assert response.status_code == 200
    assert response.request.path == "/login"
    assert "City cannot be reached just now" in response.get_data(as_text=True)
    [entry] = audit_entries(app, "login-failed")
    assert (entry.method, entry.detail) == ("oidc", "provider-unreachable")
    with app.app_context():
        db.engine.dispose()


def test_no_code_or_token_reaches_the_audit_log(app, client):
    answer = callback_path(answer_of_provider(start_login(client), "ada"))
    fields = parse_qs(urlsplit(answer).query)
    secrets = [fields["code"][0], fields["state"][0]]
    client.get(answer, follow_redirects=True)

    with app.app_context():
        entries = db.session.scalars(select(AuditEntry)).all()
    assert "login" in [entry.action for entry in entries]
    text = " ".join(str(value) for entry in entries for value in vars(entry).values())
    assert not [secret for secret in secrets if secret in text]


def test_local_login_still_works(app, client, auth):
    response = auth.login(Role.EDITOR)
    assert response.status_code == 302
    [entry] = audit_entries(app, "login")
    assert entry.method == "local"


def test_logged_in_user_is_not_sent_to_the_provider(client, auth):
    auth.login(Role.EDITOR)
    response = client.get("/login/oidc")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_without_settings_the_routes_do_not_exist(database_path):
    app = make_app(database_path)
    client = app.test_client()
    assert "Log in with" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/oidc").status_code == 404
    assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404
    with app.app_context():
        db.engine.dispose()


def test_another_subject_with_the_same_email_does_not_get_the_row(app, client, provider):
    victim_id = f"{provider.issuer}|victim"
    with app.app_context():
        victim = create_user("ada.admin@city.example", PASSWORD, Role.ADMIN, name="Victim")
        victim.auth_source, victim.external_id = "oidc", victim_id
        db.session.commit()
    response = log_in(client, "ada")  # the provider's "ada": same e-mail, another sub

    assert EMAIL_TAKEN in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # not logged in
    assert [(user.external_id, user.name) for user in oidc_users(app)] == [(victim_id, "Victim")]
    assert audit_entries(app, "login-failed")[-1].detail == "email-taken"


def test_first_login_and_role_changes_are_audited(app, database_path, provider):
    log_in(app.test_client(), "ada")
    [user] = oidc_users(app)
    [created] = [entry for entry in audit_entries(app, "user-created") if entry.user_id]
    assert (created.user_id, created.detail) == (
        user.id,
        "ada.admin@city.example role=admin via oidc",
    )
    log_in(app.test_client(), "ada")
    assert audit_entries(app, "user-changed") == []  # nothing changed

    demoted = make_app(
        database_path, **provider.settings(OIDC_ROLE_MAP='{"partnership-admins": "viewer"}')
    )
    log_in(demoted.test_client(), "ada")
    [changed] = audit_entries(app, "user-changed")
    assert changed.user_id == user.id
    assert changed.detail == "ada.admin@city.example: role admin→viewer"
    with demoted.app_context():
        db.engine.dispose()


def test_a_clash_found_only_when_saving_is_refused_not_a_500(app, client, monkeypatch):
    def clashing(*_args):
        raise IntegrityError("INSERT INTO user", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(oidc, "provision", clashing)
    response = log_in(client, "ed")
    assert response.request.path == "/login"
    assert "Your account could not be set up here." in response.get_data(as_text=True)
    assert audit_entries(app, "login-failed")[-1].detail == "account-conflict"


def test_expired_login_under_way_is_refused(app, client):
    answer = callback_path(answer_of_provider(start_login(client), "ada"))
    with client.session_transaction() as session:
        [key] = [key for key in session if key.startswith("_state_oidc_")]
        session[key] = {**session[key], "exp": time.time() - 1}
    response = client.get(answer, follow_redirects=True)

    assert "took too long" in response.get_data(as_text=True)
    assert oidc_users(app) == []
    assert audit_entries(app, "login-failed")[-1].detail == "state-expired"


def test_login_in_a_browser_with_a_live_session_ends_that_session(app, client):
    log_in(client, "ada")
    with app.app_context():
        [first] = db.session.scalars(select(UserSession)).all()
    # A login started in another tab: its state joins this browser's cookie.
    other_tab = app.test_client()
    authorization = start_login(other_tab)
    with other_tab.session_transaction() as pending, client.session_transaction() as session:
        session.update({key: value for key, value in pending.items() if key.startswith("_state")})
    response = client.get(callback_path(answer_of_provider(authorization, "ed")))

    assert response.status_code == 302
    with app.app_context():
        rows = db.session.scalars(select(UserSession).order_by(UserSession.id)).all()
    assert [row.id for row in rows][0] == first.id
    assert rows[0].ended_at is not None
    assert rows[1].ended_at is None
    assert "Ed Editor" in client.get("/").get_data(as_text=True)


def test_email_the_provider_calls_unverified_is_refused(app):
    claims = {"iss": "https://id.city.example", "sub": "x", "email": "ada.admin@city.example"}
    claims |= {"roles": ["partnership-admins"]}
    with app.test_request_context():
        for verified in [False, "false"]:
            with pytest.raises(oidc.Refused) as refusal:
                oidc._local_user({**claims, "email_verified": verified})
            assert refusal.value.reason == "email-unverified"
        assert oidc._local_user({**claims, "email_verified": True}).role == Role.ADMIN
