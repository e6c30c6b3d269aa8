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
PAGE_NAMES = (
    "timeline, first page",
    "timeline, filtered",
    "timeline, deep page",
    "city page",
    "contact list",
)
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
    # The busiest partner city's visits over the years the data spans: about a full page on
    # both sizes, so that the sizes compare pages of the same length.
    filters = {"city": busiest, "kind": "visit", "date_from": "1990", "date_to": "2030"}
    bare_filters = {**filters, "date_from": "1990-01-01", "date_to": "2030-12-31"}
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return [
        Page("timeline, first page", "/timeline/", lambda c: baseline.timeline(c)),
        Page(
            "timeline, filtered",
            f"/timeline/?{query}",
            lambda c: baseline.timeline(c, **bare_filters),
        ),
        Page(
            f"timeline, deep page ({middle})",
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


class Site:
    """The app on one database, logged in, counting the SQL its requests send."""

    def __init__(self, url: str):
        self.app = make_app(url)
        with self.app.app_context():
            self.engine = db.engine
        self.statements: list[tuple[str, object]] = []
        event.listen(self.engine, "before_cursor_execute", self._record)
        self.client = self.app.test_client()
        response = self.client.post("/login", data={"email": LOGIN[0], "password": LOGIN[1]})
        assert response.status_code == 302, "the benchmark login failed"
        with self.engine.connect() as connection:
            self.pages = pages_of(connection)

    def _record(self, _conn, _cursor, statement, parameters, _context, _executemany):
        self.statements.append((statement, parameters))

    def get(self, path: str) -> float:
        started = time.perf_counter()
        response = self.client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        return time.perf_counter() - started

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)
        self.engine.dispose()


def measure_pages(urls: dict[str, str]) -> dict[str, list[dict]]:
    """Measure every page on each database of `urls`; return the results by database."""
    sites = {name: Site(url) for name, url in urls.items()}
    results = {name: [] for name in sites}
    for number in range(len(PAGE_NAMES)):
        # The sizes take turns, request by request, so that a busy moment of the machine
        # weighs on both alike and the comparison of sizes stays fair.
        times = {name: [] for name in sites}
        for round_ in range(WARMUP + REPEATS):
            for name, site in sites.items():
                seconds = site.get(site.pages[number].path)
                if round_ >= WARMUP:
                    times[name].append(seconds)
        for name, site in sites.items():
            result = _sql_of(site, site.pages[number])
            results[name].append({"ms": round(statistics.median(times[name]) * 1000, 2), **result})
    for site in sites.values():
        site.close()
    return results


def _sql_of(site: Site, page: Page) -> dict:
    """Count and replay the page's SQL, time the bare SQL, and ask how both are run."""
    site.statements.clear()
    site.get(page.path)
    seen = list(site.statements)
    with site.engine.connect() as connection:
        bare = median_seconds(lambda: page.bare_sql(connection))
        sql = median_seconds(lambda: replay(connection, seen))
        unindexed = unindexed_steps(connection, seen)
    return {
        "page": page.name,
        "path": page.path,
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
