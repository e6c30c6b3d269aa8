"""The partnership application: a city's international partnerships in one place."""

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure an instance of the application."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        # Where the secret key, config.py and the default SQLite file live (see README).
        instance_path=_instance_path(),
        template_folder="../templates",
        static_folder="../static",
    )
    from partnership.config import load_config

    app.config.from_mapping(load_config(app.instance_path))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)

    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from partnership import database, i18n, navigation, once, pagecache, routing, security
    from partnership.audit import hooks as audit_hooks
    from partnership.auth import access
    from partnership.extensions import csrf, db, login_manager, migrate
    from partnership.formatting import register_template_helpers
    from partnership.search.fulltext import in_the_models

    routing.init_app(app)  # first: the blueprints' routes are built with its converter
    database.configure_engine(app)
    db.init_app(app)
    # The search indexes are the migrations' own, not the models' (partnership.search).
    migrate.init_app(
        app,
        db,
        directory=str(_project_dir() / "migrations"),
        render_as_batch=True,
        include_name=in_the_models,
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    once.init_app(app)
    security.init_app(app)
    access.init_app(app)
    audit_hooks.init_app(app)
    register_template_helpers(app)
    navigation.init_app(app)
    pagecache.init_app(app)  # last: after the login check and the partner gate


def register_blueprints(app: Flask) -> None:
    from partnership import home, i18n, icon, models, security_txt  # noqa: F401  (models: schema)
    from partnership.agreements import views as agreements
    from partnership.aid import views as aid
    from partnership.api import views as api
    from partnership.audit import views as audit
    from partnership.auth import account, oidc
    from partnership.auth import views as auth
    from partnership.documents import views as documents
    from partnership.events import views as events
    from partnership.exchanges import views as exchanges
    from partnership.exports import list_views as list_exports
    from partnership.funding import views as funding
    from partnership.history import views as history
    from partnership.imports import views as imports
    from partnership.lookup import views as lookup
    from partnership.merging import views as merging
    from partnership.partner_access import views as partner_access
    from partnership.partners import views as partners
    from partnership.pdf import views as signature_lists
    from partnership.people import privacy_views
    from partnership.people import views as people
    from partnership.portal import views as portal
    from partnership.press import views as press
    from partnership.public import publishing
    from partnership.public import views as public
    from partnership.reports import views as reports
    from partnership.search import views as search
    from partnership.stages import views as stages
    from partnership.timeline import views as timeline
    from partnership.visits import views as visits

    for blueprint in (
        home.bp,
        security_txt.bp,
        icon.bp,
        history.bp,
        privacy_views.bp,
        i18n.bp,
        timeline.bp,
        search.bp,
        lookup.bp,
        auth.bp,
        auth.users_bp,
        oidc.bp,
        audit.bp,
        account.bp,
        *partners.blueprints,
        people.bp,
        *visits.blueprints,
        agreements.bp,
        exchanges.bp,
        aid.bp,
        stages.bp,
        *events.blueprints,
        press.bp,
        *funding.blueprints,
        reports.bp,
        list_exports.bp,
        imports.bp,
        merging.bp,
        signature_lists.bp,
        documents.bp,
        public.bp,
        publishing.bp,
        *portal.blueprints,
        partner_access.bp,
        api.bp,
    ):
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    from partnership import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from partnership.audit.commands import audit_cli
    from partnership.auth.commands import users_cli
    from partnership.backup_commands import backup_command, restore_command
    from partnership.demo.commands import demo_command
    from partnership.imports.commands import import_command
    from partnership.reports.commands import export_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(import_command)
    app.cli.add_command(export_cli)


def _instance_path() -> str | None:
    import os

    path = os.environ.get("INSTANCE_PATH", "").strip()
    return os.path.abspath(path) if path else None


def _project_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent
