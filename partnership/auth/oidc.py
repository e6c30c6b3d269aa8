"""Logging in through an OpenID provider (Keycloak, ADFS, Microsoft Entra ID).

Authorization code flow with PKCE (S256). Authlib keeps state, nonce and code verifier in the
signed session and checks the ID token's signature (keys from the provider's JWKS), issuer,
audience, expiry and nonce. Logging out ends the local session only.
"""

import logging
import re
import time

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from joserfc.errors import JoseError
from sqlalchemy.exc import IntegrityError

from partnership.audit.models import LoginMethod
from partnership.auth import oidc_claims, sessions
from partnership.auth.directory import EmailTaken, provision
from partnership.auth.login_flow import (
    NEXT_KEY,
    complete_login,
    record_failed_login,
    remember_next,
)
from partnership.extensions import db
from partnership.faults import ConfigurationError

bp = Blueprint("oidc", __name__)
log = logging.getLogger(__name__)

CLIENT_NAME = "oidc"
ANSWER_FIELDS = ("code", "state", "iss", "error")
# What a provider that is down, misconfigured or answering nonsense makes Authlib raise.
PROVIDER_ERRORS = (
    AuthlibBaseError,
    JoseError,
    requests.RequestException,
    ValueError,
    KeyError,
    RuntimeError,
)
MAX_EXTERNAL_ID = 500


class Refused(Exception):
    """A login through the provider that stops: why (for the audit log) and what to tell."""

    def __init__(self, reason: str, message: str, account: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.message = message
        self.account = account


def is_configured(app=None) -> bool:
    """Tell whether logging in through an OpenID provider is set up."""
    config = (app or current_app).config
    return bool(config.get("OIDC_DISCOVERY_URL") and config.get("OIDC_CLIENT_ID"))


def label() -> str:
    """Return the name of the provider's button, as the city calls its accounts."""
    return current_app.config.get("OIDC_LABEL") or _("single sign-on")


@bp.record_once
def _check_settings(state) -> None:
    # A mistyped setting stops the start with one line, rather than refusing every login.
    config = state.app.config
    if not is_configured(state.app):
        return
    try:
        oidc_claims.parse_role_map(config["OIDC_ROLE_MAP"])
        oidc_claims.parse_default_role(config["OIDC_DEFAULT_ROLE"])
    except ValueError as error:
        raise ConfigurationError(str(error)) from None
    if "openid" not in config["OIDC_SCOPES"].split():
        raise ConfigurationError("OIDC_SCOPES must include openid")


@bp.app_context_processor
def _login_button() -> dict:
    return {"oidc_label": label() if is_configured() else None}


@bp.get("/login/oidc")
def login():
    """Send the visitor to the OpenID provider to log in there."""
    if not is_configured():
        abort(404)
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    remember_next(request.args.get("next"))
    # Each login under way keeps its state, nonce and verifier in the cookie: only the latest
    # counts, so that logins started and left do not grow the cookie past what browsers keep.
    for key in [key for key in session if key.startswith(f"_state_{CLIENT_NAME}_")]:
        del session[key]
    try:
        return _client().authorize_redirect(_redirect_uri())
    except PROVIDER_ERRORS as error:
        return _refused(_provider_failure(error))


@bp.get("/login/oidc/callback")
def callback():
    """Take the provider's answer, check it, and log the user in or say why not."""
    if not is_configured():
        abort(404)
    answer = {name: request.args.get(name, "") for name in ANSWER_FIELDS}
    try:
        user = _user_from_answer(answer)
    except Refused as refusal:
        return _refused(refusal)
    # A session already live in this browser ends here rather than outlive the new login.
    next_target = session.get(NEXT_KEY)
    sessions.end_current()
    return complete_login(user, LoginMethod.OIDC, next_target)


def _user_from_answer(answer: dict):
    """Return the local user the provider's answer vouches for, or raise Refused."""
    client = _client()
    pending, expired = _pending_login(client, answer["state"])
    if answer["error"]:
        code = re.sub(r"[^A-Za-z0-9_.-]", "", answer["error"])[:64]
        raise Refused(
            f"provider-error {code}",
            _("%(label)s did not log you in. Please try again.", label=label()),
        )
    if pending is None:
        # No login under way in this browser with that state: forged, replayed or too old.
        raise Refused(
            "state-mismatch",
            _(
                "This answer from %(label)s belongs to no login started in this browser. "
                "Please log in again.",
                label=label(),
            ),
        )
    if expired:
        raise Refused(
            "state-expired",
            _("The login with %(label)s took too long. Please log in again.", label=label()),
        )
    try:
        claims = _verified_claims(client, answer, pending)
    except PROVIDER_ERRORS as error:
        raise _provider_failure(error) from error
    return _local_user(claims)


def _pending_login(client, state: str) -> tuple[dict | None, bool]:
    """Take the login under way with `state` out of the session; say whether it expired."""
    # Authlib's get_state_data hands back the data without looking at its expiry.
    stored = session.get(f"_state_{CLIENT_NAME}_{state}")
    expires = stored.get("exp") if isinstance(stored, dict) else None
    pending = client.framework.get_state_data(session, state)
    client.framework.clear_state_data(session, state)
    expired = not isinstance(expires, int | float) or expires < time.time()
    return pending, expired


def _verified_claims(client, answer: dict, pending: dict) -> dict:
    """Exchange the code for tokens and return the checked ID token's claims (+ userinfo)."""
    metadata = client.load_server_metadata()
    # A provider that names itself in the answer must be ours (mix-up defence, RFC 9207).
    if answer["iss"] and answer["iss"] != metadata.get("issuer"):
        raise Refused("issuer-mismatch", _failed_message())
    token = client.fetch_access_token(
        code=answer["code"],
        code_verifier=pending["code_verifier"],
        redirect_uri=pending["redirect_uri"],
    )
    if "id_token" not in token:
        raise Refused("no-id-token", _failed_message())
    claims = dict(client.parse_id_token(token, nonce=pending["nonce"]))
    role_claim = current_app.config["OIDC_ROLE_CLAIM"]
    if oidc_claims.lacks_user_details(claims, role_claim) and metadata.get("userinfo_endpoint"):
        claims = oidc_claims.merge_userinfo(claims, client.userinfo(token=token))
    return claims


def _local_user(claims: dict):
    """Return the local row of the provider's user with the mapped role, or raise Refused."""
    config = current_app.config
    email = str(claims.get("email") or "")[:254]
    external_id = f"{claims['iss']}|{claims['sub']}"
    account = email or external_id
    role = oidc_claims.role_from_claims(
        claims,
        config["OIDC_ROLE_CLAIM"],
        oidc_claims.parse_role_map(config["OIDC_ROLE_MAP"]),
        oidc_claims.parse_default_role(config["OIDC_DEFAULT_ROLE"]),
    )
    if role is None:
        # What the claim held, so that whoever sets up the role map sees what arrives.
        held = ", ".join(oidc_claims.claim_values(claims, config["OIDC_ROLE_CLAIM"])) or "-"
        raise Refused(
            f"no-role; {config['OIDC_ROLE_CLAIM']}: {held}",
            _(
                "Your %(label)s account has no role in this application. "
                "Ask an administrator to add you to one of its groups.",
                label=label(),
            ),
            account,
        )
    if len(external_id) > MAX_EXTERNAL_ID:
        raise Refused("identifier-too-long", _failed_message(), account)
    if oidc_claims.email_unverified(claims):
        raise Refused(
            "email-unverified",
            _(
                "Your email address at %(label)s is not verified yet. "
                "Verify it there, then log in again.",
                label=label(),
            ),
            account,
        )
    try:
        name = oidc_claims.display_name(claims)[:200]
        user = provision("oidc", external_id, email, name, role)
    except EmailTaken as error:
        raise Refused(error.reason, str(error), account) from None
    except IntegrityError as error:
        # Another login made or changed a row at the same moment; _refused rolls back.
        log.warning("OpenID Connect login of %s: %s", account, error.orig)
        raise Refused(
            "account-conflict",
            _("Your account could not be set up here. Please try again or ask an administrator."),
            account,
        ) from None
    if not user.active:
        raise Refused("disabled", _("This account is disabled."), account)
    return user


def _provider_failure(error: Exception) -> Refused:
    """Return the refusal for an error met while talking to the provider."""
    log.warning("OpenID Connect login failed: %s: %s", type(error).__name__, error)
    if isinstance(error, requests.ConnectionError | requests.Timeout):
        return Refused(
            "provider-unreachable",
            _(
                "%(label)s cannot be reached just now. Please try again later.",
                label=label(),
            ),
        )
    if isinstance(error, OAuthError):
        return Refused(f"token-refused {error.error}", _failed_message())
    if isinstance(error, JoseError):
        return Refused(f"invalid-id-token {error.error}", _failed_message())
    return Refused(f"provider-error {type(error).__name__}", _failed_message())


def _failed_message() -> str:
    return _("The login with %(label)s could not be completed. Please try again.", label=label())


def _refused(refusal: Refused):
    """Write the refusal to the audit log and show the login page with its message."""
    db.session.rollback()
    record_failed_login(refusal.account, LoginMethod.OIDC, refusal.reason)
    flash(refusal.message, "error")
    return redirect(url_for("auth.login"))


def _redirect_uri() -> str:
    return current_app.config["OIDC_REDIRECT_URI"] or url_for(".callback", _external=True)


def _client():
    """Return this app's client of the provider; discovery happens on its first use."""
    oauth = current_app.extensions.get("authlib.integrations.flask_client")
    if oauth is None:
        config = current_app.config
        oauth = OAuth(current_app)
        oauth.register(
            CLIENT_NAME,
            client_id=config["OIDC_CLIENT_ID"],
            client_secret=config["OIDC_CLIENT_SECRET"],
            server_metadata_url=config["OIDC_DISCOVERY_URL"],
            client_kwargs={
                "scope": config["OIDC_SCOPES"],
                "code_challenge_method": "S256",
                "default_timeout": config["OIDC_TIMEOUT_SECONDS"],
            },
        )
    return oauth.create_client(CLIENT_NAME)
