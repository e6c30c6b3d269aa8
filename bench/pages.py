"""Time pages through the test client, count their SQL, and hold them against bare SQL."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import event, func, select

from bench import baseline
from bench.database import LOGIN, make_app
from bench.plans import unindexed_steps
from partnership.events.models import Event
from partnership.extensions import db

REPEATS = 9
WARMUP = 2


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    bare_sql: Callable


def pages_of(connection) -> list[Page]:
    """Choose the measured pages for the data at hand: the deep page is the middle one."""
    events = connection.scalar(select(func.count()).select_from(Event.__table__))
    middle = max(1, events // baseline.PAGE_SIZE // 2)
    busiest = connection.execute(
        select(Event.partner_city_id)
        .where(Event.partner_city_id > 1)
        .group_by(Event.partner_city_id)
        .order_by(func.count().desc())
        .limit(1)
    ).scalar()
    filters = {"city": busiest, "kind": "visit", "date_from": "2000", "date_to": "2020"}
    bare_filters = {
        "city": busiest,
        "kind": "visit",
        "date_from": "2000-01-01",
        "date_to": "2020-12-31",
    }
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return [
        Page("timeline, first page", "/timeline/", lambda c: baseline.timeline(c)),
        Page(
            "timeline, filtered",
            f"/timeline/?{query}",
            lambda c: baseline.timeline(c, **bare_filters),
        ),
        Page(
            f"timeline, page {middle}",
            f"/timeline/?page={middle}",
            lambda c: baseline.timeline(c, page=middle),
        ),
        Page("city page", f"/cities/{busiest}", lambda c: baseline.city_page(c, busiest)),
        Page("contact list", "/contacts/", lambda c: baseline.contact_list(c)),
    ]


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    for _ in range(WARMUP):
        action()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_pages(url: str) -> list[dict]:
    """Measure every page on the database at `url`; return one result per page."""
    app = make_app(url)
    statements: list[tuple[str, object]] = []
    with app.app_context():
        engine = db.engine

        @event.listens_for(engine, "before_cursor_execute")
        def record(_conn, _cursor, statement, parameters, _context, _executemany):
            statements.append((statement, parameters))

        client = app.test_client()
        response = client.post("/login", data={"email": LOGIN[0], "password": LOGIN[1]})
        assert response.status_code == 302, "the benchmark login failed"
        with engine.connect() as connection:
            pages = pages_of(connection)
        results = []
        for page in pages:
            results.append(_measure(client, engine, page, statements))
        event.remove(engine, "before_cursor_execute", record)
        engine.dispose()
    return results


def _measure(client, engine, page: Page, statements: list) -> dict:
    def get():
        response = client.get(page.path)
        assert response.status_code == 200, f"{page.path} answered {response.status_code}"

    seconds = median_seconds(get)
    statements.clear()
    get()
    seen = list(statements)
    with engine.connect() as connection:
        bare = median_seconds(lambda: page.bare_sql(connection))
        sql = median_seconds(lambda: replay(connection, seen))
        unindexed = unindexed_steps(connection, seen)
    return {
        "page": page.name,
        "path": page.path,
        "ms": round(seconds * 1000, 2),
        "sql_ms": round(sql * 1000, 2),
        "bare_sql_ms": round(bare * 1000, 2),
        "queries": len(seen),
        "unindexed": unindexed,
    }


def replay(connection, statements: list[tuple[str, object]]) -> None:
    """Run the page's own SELECT statements again, fetching every row, without the ORM."""
    for statement, parameters in statements:
        if statement.lstrip().upper().startswith("SELECT"):
            connection.exec_driver_sql(statement, parameters).all()
