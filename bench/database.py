"""Databases for the benchmark: a SQLite file, or a database on a PostgreSQL server."""

import datetime
import hashlib
import tempfile
import time
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bench.dataset import Size, generate
from partnership import create_app
from partnership.auth.models import Role
from partnership.auth.services import create_user
from partnership.config import engine_url
from partnership.demo.story import load_demo_story
from partnership.extensions import db

LOGIN = ("bench@example.org", "bench-password-long")
ADMIN_LOGIN = ("bench-admin@example.org", "bench-password-long")
PARTNER_LOGIN = ("bench-partner@example.org", "bench-password-long")
# The editor's secrets for the calendar feed and the API, fixed so that pages can name them.
FEED_TOKEN = "bench-calendar-feed-token"
try:  # a token looks like the product's own (they start alike)
    from partnership.api.tokens import TOKEN_START
except ImportError:
    TOKEN_START = ""
API_SECRET = TOKEN_START + "bench-api-token-secret"
CHEAP_HASH = "pbkdf2:sha256:1000"


def documents_folder(url: str) -> str:
    """A folder for the stored documents of the database at `url` (the demo's photo and scan)."""
    name = make_url(url).database.replace("/", "_")
    return str(Path(tempfile.gettempdir()) / "partnership-bench-documents" / name)


def make_app(url: str, **overrides) -> Flask:
    """Create the app as it runs for real, but with forms that skip CSRF for scripted use."""
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench-secret",
            "DOCUMENTS_FOLDER": documents_folder(url),
            "WTF_CSRF_ENABLED": False,
            # A cheap hash, so that logging in does not weigh on the pages measured.
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            # Each page is timed drawing itself, not served again from the pages kept (the
            # load run's gunicorn keeps them, as in production).
            "PAGE_CACHE_SECONDS": 0,
            **overrides,
        }
    )


def fresh_database(server_url: str | None, folder: Path, name: str) -> str:
    """Return the URL of a new empty database: a file in `folder`, or one on the server."""
    if not server_url:
        path = folder / f"{name}.sqlite"
        for leftover in folder.glob(f"{name}.sqlite*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    server = make_url(engine_url(server_url))
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
    admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


# Events of the partner's partnership published on its public pages (the latest dated ones).
PUBLISHED_EVENTS = 20
PUBLIC_PHOTO = "bench-photo.jpg"


def add_partner_and_token(editor_id: int) -> None:
    """A partner user of the busiest partnership, with a proposed event and a document of the
    partnership; some of its events published with a public photo; an API token of the editor."""
    from partnership.api.models import ApiToken, TokenScope
    from partnership.events.models import Event
    from partnership.partners.models import Partnership

    busiest = (
        select(Partnership.id, Partnership.partner_city_id)
        .join(Event, Event.partner_city_id == Partnership.partner_city_id)
        .group_by(Partnership.id, Partnership.partner_city_id)
        .order_by(func.count().desc(), Partnership.id)
        .limit(1)
    )
    partnership_id, city_id = db.session.execute(busiest).one()
    partner = create_user(PARTNER_LOGIN[0], PARTNER_LOGIN[1], Role.PARTNER, name="Partner")
    partner.partnership_id = partnership_id
    db.session.add(
        ApiToken(
            user_id=editor_id,
            name="Benchmark",
            scope=TokenScope.WRITE,
            prefix=API_SECRET[:8],
            token_hash=hashlib.sha256(API_SECRET.encode()).hexdigest(),
            created_at=datetime.datetime.now(datetime.UTC).replace(tzinfo=None),
        )
    )
    db.session.flush()
    _publish(city_id)
    _propose(partnership_id, partner)


def _publish(city_id: int) -> None:
    from partnership.demo.samples import sample_photo
    from partnership.documents.services import store_document
    from partnership.events.models import Event, EventKind

    latest = db.session.scalars(
        select(Event.id)
        .where(Event.partner_city_id == city_id, Event.date_sort.is_not(None))
        .order_by(Event.date_sort.desc(), Event.id.desc())
        .limit(PUBLISHED_EVENTS)
    ).all()
    # The photo on a visit on both sizes (the kind with most to show), so that the pages
    # compared between the sizes show the same kind of event.
    visit = db.session.scalar(
        select(Event.id)
        .where(Event.partner_city_id == city_id, Event.kind == EventKind.VISIT)
        .order_by(Event.date_sort.desc().nulls_last(), Event.id.desc())
        .limit(1)
    )
    published = [*latest, visit]
    db.session.execute(update(Event).where(Event.id.in_(published)).values(published=True))
    store_document(
        "event", visit, PUBLIC_PHOTO, sample_photo("Benchmark"), kind="photo",
        caption="A public photo of a published event.", public=True,
    )  # fmt: skip


def _propose(partnership_id: int, partner) -> None:
    from partnership.demo.samples import sample_photo
    from partnership.documents.services import store_document
    from partnership.fuzzydate import parse_fuzzy_date
    from partnership.partners.models import Partnership
    from partnership.portal.services import ProposalKind, ProposalValues, propose_event

    partnership = db.session.get(Partnership, partnership_id)
    values = ProposalValues(
        kind=ProposalKind.MEETING, title="Benchmark proposal: a meeting of the partners",
        date=parse_fuzzy_date("June 2030"), place="Town hall", summary="Proposed by the partner.",
    )  # fmt: skip
    propose_event(partnership, partner, values)
    store_document(
        "partnership", partnership_id, "bench-partnership.jpg", sample_photo("Partnership"),
        kind="photo", caption="A document of the partnership.",
    )  # fmt: skip


def build(url: str, size: Size, password_hash: str = CHEAP_HASH) -> dict:
    """Migrate the database at `url`, add the benchmark's login, fill it; say how long it took."""
    started = time.perf_counter()
    app = make_app(url, PASSWORD_HASH_METHOD=password_hash)
    with app.app_context():
        upgrade()
        editor = create_user(LOGIN[0], LOGIN[1], Role.EDITOR, name="Benchmark")
        editor.calendar_token = FEED_TOKEN
        create_user(ADMIN_LOGIN[0], ADMIN_LOGIN[1], Role.ADMIN, name="Benchmark admin")
        db.session.commit()
        with db.engine.begin() as connection:
            rows = generate(connection, size)
        # The demo story on top: the kinds the synthetic office leaves empty (grants, their
        # budgets and receipts, participants, aid, stages, documents), written by the services.
        load_demo_story()
        add_partner_and_token(editor.id)
        db.session.commit()
        # Statistics and visibility as PostgreSQL's autovacuum and SQLite's `PRAGMA optimize`
        # keep them on a database in use, not as a bulk load leaves them.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            is_postgresql = connection.dialect.name == "postgresql"
            connection.execute(text("VACUUM ANALYZE" if is_postgresql else "ANALYZE"))
        db.session.remove()
        db.engine.dispose()
    return {"rows": rows, "seconds": round(time.perf_counter() - started, 1)}
