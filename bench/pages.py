"""Time every page through the test client, count its SQL and bytes, time its floor."""

import statistics
import time
from collections.abc import Callable

from sqlalchemy import event

from bench.busy import Busy
from bench.database import ADMIN_LOGIN, API_SECRET, LOGIN, PARTNER_LOGIN, make_app
from bench.plans import table_sizes, unindexed_steps
from bench.routes import Page, discover_pages
from partnership.extensions import db

WARMUP = 1
REPEATS = 5
# A page slower than this on its warm-up is timed fewer times, to keep the run bounded.
SLOW_SECONDS = 0.4
SLOW_REPEATS = 2
# A streamed answer is cut off after this long (a whole table of the large data downloaded).
PAGE_BUDGET = 15.0
# A page slower than this (a whole table downloaded) is timed once: its first answer.
VERY_SLOW_SECONDS = 2.0


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Site:
    """The app on one database, with a client per kind of user, counting the SQL sent."""

    def __init__(self, url: str):
        self.app = make_app(url)
        with self.app.app_context():
            self.engine = db.engine
        self.statements: list[tuple[str, object]] = []
        event.listen(self.engine, "before_cursor_execute", self._record)
        self.clients = {
            "editor": self._logged_in(LOGIN),
            "admin": self._logged_in(ADMIN_LOGIN),
            "partner": self._logged_in(PARTNER_LOGIN),
            "public": self.app.test_client(),
            "api": self.app.test_client(),
        }
        self.connection = self.engine.connect()
        self.sizes = table_sizes(self.connection)
        self.busy = Busy(self.app, self.connection)
        self.pages = discover_pages(self.app, self.busy)

    def _logged_in(self, login: tuple[str, str]):
        client = self.app.test_client()
        response = client.post("/login", data={"email": login[0], "password": login[1]})
        assert response.status_code == 302, f"the benchmark login {login[0]} failed"
        return client

    def _record(self, _conn, _cursor, statement, parameters, _context, _executemany):
        self.statements.append((statement, parameters))

    def get(self, page: Page, who: str) -> tuple[float, int, int]:
        """Open `page` as `who`; return seconds, status and the size of the answer.

        A streamed answer still running after PAGE_BUDGET seconds is cut off there: its
        time then reads as over the budget, and the run stays bounded."""
        headers = {"Authorization": f"Bearer {API_SECRET}"} if who == "api" else {}
        started = time.perf_counter()
        response = self.clients[who].get(page.path, headers=headers, buffered=False)
        size = 0
        for chunk in response.iter_encoded():
            size += len(chunk)
            if time.perf_counter() - started > PAGE_BUDGET:
                size = -1  # unknown: cut off
                break
        response.close()
        return time.perf_counter() - started, response.status_code, size

    def close(self) -> None:
        self.connection.close()
        event.remove(self.engine, "before_cursor_execute", self._record)
        self.engine.dispose()


def measure_pages(urls: dict[str, str], explain: str = "large") -> dict[str, list[dict]]:
    """Measure every page on each database of `urls`; return the results by database."""
    sites = {name: Site(url) for name, url in urls.items()}
    results = {name: [] for name in sites}
    total = len(next(iter(sites.values())).pages)
    started = time.perf_counter()
    for number in range(total):
        for name, site in sites.items():
            results[name].append(measure(site, site.pages[number], explain=name == explain))
        if number % 25 == 24:
            print(f"  {number + 1} of {total} pages in {time.perf_counter() - started:.0f} s")
    for site in sites.values():
        site.close()
    return results


def measure(site: Site, page: Page, explain: bool) -> dict:
    """Time one page (median of warm runs), count its queries and bytes, time its floor."""
    found = {"page": page.name, "endpoint": page.endpoint, "path": page.path, "who": page.who}
    if page.path is None:
        return {**found, "problem": page.problem}
    who = page.who
    site.statements.clear()
    seconds, status, size = site.get(page, who)
    if status == 403 and who == "editor":
        who = found["who"] = "admin"  # a page for admins only: the admin opens it
        site.statements.clear()
        seconds, status, size = site.get(page, who)
    statements = list(site.statements)
    found.update(status=status, bytes=size, queries=len(statements), family=page.family)
    repeats = SLOW_REPEATS if seconds > SLOW_SECONDS else REPEATS
    if seconds > VERY_SLOW_SECONDS:
        found["ms"] = round(seconds * 1000, 2)
    else:
        found["ms"] = round(median_seconds(lambda: site.get(page, who), repeats) * 1000, 2)
    if page.floor is not None:
        with site.app.test_request_context():
            floor_seconds = median_seconds(lambda: page.floor(site.connection))
        found["floor_ms"] = round(floor_seconds * 1000, 2)
    if explain:
        found["unindexed"] = unindexed_steps(site.connection, statements, site.sizes)
    return found
