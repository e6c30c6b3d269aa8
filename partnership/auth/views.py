"""Logging in and out, and the admins' page for users."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy import select

from partnership import once
from partnership.audit.models import AuditAction
from partnership.audit.services import record
from partnership.auth import (
    entity,  # noqa: F401  (role labels)
    password_login,
    services,
    sessions,
    throttle,
)
from partnership.auth.access import requires
from partnership.auth.forms import LoginForm, UserForm
from partnership.auth.login_flow import complete_login, record_failed_login
from partnership.auth.models import Role, User
from partnership.extensions import db
from partnership.partner_access.queries import partnerships_of

bp = Blueprint("auth", __name__)
users_bp = Blueprint("users", __name__, url_prefix="/users")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log a user in with a local account's email, or a directory account, and password."""
    if current_user.is_authenticated:
        return redirect(_start_page(current_user))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    account, address = form.email.data.strip(), request.remote_addr or ""
    attempt = throttle.begin_attempt(account, address)
    if throttle.is_locked(account, address):
        record_failed_login(account, password_login.method_for(account), "throttled")
        form.form_errors.append(
            _("Too many failed attempts. Please wait a quarter of an hour and try again.")
        )
        return render_template("auth/login.html", form=form), 429
    try:
        user, method = password_login.authenticate(account, form.password.data)
    except password_login.LoginRefused as refused:
        db.session.rollback()  # a directory user's row updated before a refusal stays as it was
        if not refused.counts:
            throttle.forget_attempt(attempt)
        record_failed_login(account, refused.method, refused.reason)
        form.form_errors.append(refused.message)
        return render_template("auth/login.html", form=form), refused.status
    throttle.clear_failures(account)
    sessions.end_current()  # a session still live in this browser must not outlive the login
    return complete_login(user, method, _next_page(user, request.args.get("next")))


def _start_page(user) -> str:
    """A partner starts on their partnership's pages, the office on its start page."""
    return url_for("portal.index" if user.role is Role.PARTNER else "home.index")


def _next_page(user, target: str | None) -> str | None:
    # A partner asked for an office page would only be refused it: their own pages instead.
    if user.role is Role.PARTNER and not (target or "").startswith(url_for("portal.index")):
        return _start_page(user)
    return target


@bp.post("/logout")
def logout():
    """Log the user out: this session is ended in the database, not only in the cookie."""
    if current_user.is_authenticated:
        record(AuditAction.LOGOUT)
    sessions.end_current()
    logout_user()
    db.session.commit()
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login"))


@users_bp.get("/")
@requires(Role.ADMIN)
def index():
    """List every user with role and status."""
    users = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("users/list.html", users=users, partnerships=partnerships_of(users))


@users_bp.route("/new", methods=["GET", "POST"])
@requires(Role.ADMIN)
def create():
    """Add a user who can log in."""
    if location := once.already_saved():
        return once.repeat_response(location)
    form = UserForm()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors.append(_("Give the new user a password."))
        else:
            try:
                user = services.create_user(
                    form.email.data, form.password.data, form.role.data, form.name.data
                )
            except services.UserError as error:
                form.email.errors.append(str(error))
            else:
                message = _("User %(email)s was created.", email=user.email)
                if repeat := once.commit(url_for("users.index")):
                    return repeat
                flash(message, "success")
                return redirect(url_for("users.index"))
    return render_template("users/form.html", form=form, user=None), 422 if form.errors else 200


@users_bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
@requires(Role.ADMIN)
def edit(user_id: int):
    """Change a user's email, name, role, access or password."""
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user)
    is_partner = user.role is Role.PARTNER
    if is_partner:
        # A partner stays a partner of their partnership: only an invitation makes one, and no
        # office role is given to a person of a partner city by editing them.
        del form.role
    if form.validate_on_submit():
        try:
            services.update_user(
                user,
                form.email.data,
                form.name.data,
                Role.PARTNER if is_partner else form.role.data,
                form.active.data,
                form.password.data,
            )
        except services.UserError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            message = _("User %(email)s was saved.", email=user.email)
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("users.index"))
    return (
        render_template(
            "users/form.html",
            form=form,
            user=user,
            open_sessions=sessions.live_count(user.id),
            partnership=partnerships_of([user]).get(user.id),
        ),
        422 if form.errors else 200,
    )


@users_bp.post("/<int:user_id>/end-sessions")
@requires(Role.ADMIN)
def end_sessions(user_id: int):
    """Log a user out on every device, e.g. when a laptop was lost."""
    user = db.get_or_404(User, user_id)
    message = _("Every session of %(email)s has ended.", email=user.email)
    services.end_sessions(user, new_feed_address=True)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("users.edit", user_id=user_id))
