"""Who may see and change what: every page needs a login, writing needs a role."""

from functools import wraps

from flask import Flask, abort, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from partnership.auth import sessions
from partnership.auth.models import Role, User
from partnership.extensions import login_manager

PUBLIC_ENDPOINTS = {
    "auth.login",
    "oidc.login",
    "oidc.callback",
    "static",
    "timeline.calendar_feed",
    "i18n.choose_language",
    "security_txt.security_txt",
    "icon.favicon",
    # An invited person of a partner city opens their account; the link's secret is the key.
    "partner_access.accept",
}

# Blueprints that answer without a session: the public pages of partnerships (nobody logs in),
# and the API, which checks its own tokens and answers in JSON, never with a login page.
OPEN_BLUEPRINTS = {"public", "api"}

# A partner user sees one partnership through its own pages (portal/) and nothing else of the
# home office's: every other page is refused, so a page added later is closed to partners
# until someone decides otherwise.
PARTNER_BLUEPRINTS = {"portal", "account"}
PARTNER_ENDPOINTS = {"auth.logout", "i18n.choose_language", "static"}


def init_app(app: Flask) -> None:
    """Load users for Flask-Login and turn away anonymous visitors."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.localize_callback = str  # flash a plain string in the request's language
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        # Only a live session in the database counts: a cookie kept after logout, a password
        # change, a role change or "log out everywhere" opens nothing.
        return sessions.current_user(int(user_id)) if user_id.isdigit() else None

    @app.before_request
    def require_login():
        if request.endpoint in PUBLIC_ENDPOINTS or request.blueprint in OPEN_BLUEPRINTS:
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role is Role.PARTNER and not _partner_may_open(request.endpoint):
            abort(403)
        return None

    @app.context_processor
    def inject_roles():
        return {"Role": Role, "can_edit": _current_user_can(Role.EDITOR)}


def _partner_may_open(endpoint: str | None) -> bool:
    blueprint = endpoint.partition(".")[0] if endpoint and "." in endpoint else None
    return endpoint in PARTNER_ENDPOINTS or blueprint in PARTNER_BLUEPRINTS


def _current_user_can(role: Role) -> bool:
    return current_user.is_authenticated and current_user.can(role)


def requires(role: Role):
    """Refuse the view with 403 unless the current user holds at least `role`."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not _current_user_can(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
