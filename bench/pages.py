"""Time every page through the test client, count its SQL and bytes, time its floor."""

import signal
import statistics
import time
from collections.abc import Callable

from sqlalchemy import event

from bench.busy import Busy
from bench.database import ADMIN_LOGIN, API_SECRET, LOGIN, PARTNER_LOGIN, make_app
from bench.plans import table_sizes, unindexed_steps
from bench.report import is_whole_table_download, page_targets
from bench.routes import Page, discover_pages
from partnership.extensions import db

REPEATS = 5
# A page slower than this on its first answer is timed fewer times, to keep the run bounded;
# one slower than VERY_SLOW_SECONDS keeps its first answer's time (a whole table downloaded).
SLOW_SECONDS = 0.25
SLOW_REPEATS = 2
VERY_SLOW_SECONDS = 1.0
# The app's trivial page: its 404, which passes the session check and draws the layout and
# nothing else. Every page of the app pays for that much, so it is part of every floor.
TRIVIAL_PATH = "/.well-known/security.txt"
# No answer may take longer: a page still at work after this long is cut off (an alarm stops
# it wherever it is, in a streamed answer or in one built whole) and misses its targets.
PAGE_BUDGET = 15.0
# A whole table's download (100,000 events with their cities, topics and press on the large
# data) is held to its floor instead; it gets longer, still bounded.
DOWNLOAD_BUDGET = 60.0


class OverBudget(BaseException):
    """Raised by the alarm in the page at work; not an Exception, so that the app's error
    handlers do not turn it into an answer."""


def _over_budget(_signal, _frame):
    raise OverBudget


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Site:
    """The app on one database, with a client per kind of user, counting the SQL sent."""

    def __init__(self, url: str, words: dict | None = None):
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
        self.busy = Busy(self.app, self.connection, words)
        self.pages: list[Page] = []

    def _logged_in(self, login: tuple[str, str]):
        client = self.app.test_client()
        response = client.post("/login", data={"email": login[0], "password": login[1]})
        assert response.status_code == 302, f"the benchmark login {login[0]} failed"
        return client

    def _record(self, _conn, _cursor, statement, parameters, _context, _executemany):
        self.statements.append((statement, parameters))

    def get(self, page: Page, who: str) -> tuple[float, int, int]:
        """Open `page` as `who`; return seconds, status and the size of the answer (-1 when
        the page was cut off after PAGE_BUDGET seconds, DOWNLOAD_BUDGET for a whole table's
        download: its time then reads as the budget)."""
        headers = {"Authorization": f"Bearer {API_SECRET}"} if who == "api" else {}
        response, status, size, lines = None, 0, 0, 0
        previous = signal.signal(signal.SIGALRM, _over_budget)
        started = time.perf_counter()
        whole_table = is_whole_table_download({"endpoint": page.endpoint})
        signal.setitimer(signal.ITIMER_REAL, DOWNLOAD_BUDGET if whole_table else PAGE_BUDGET)
        try:
            response = self.clients[who].get(page.path, headers=headers, buffered=False)
            status = response.status_code
            for chunk in response.iter_encoded():
                size += len(chunk)
                lines += chunk.count(b"\r\n")  # a CSV's rows (the header's line included)
            response.close()
        except OverBudget:
            size = -1
            self._after_cut_off(response)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        self.lines = lines
        return time.perf_counter() - started, status, size

    def _after_cut_off(self, response) -> None:
        """Let go of what the page held when it was stopped: its answer, its connections."""
        try:
            if response is not None:
                response.close()
        except Exception:  # noqa: BLE001  (a generator stopped half-way may fail to close)
            pass
        with self.app.app_context():
            db.session.remove()
        self.engine.pool.dispose()

    def close(self) -> None:
        self.connection.close()
        event.remove(self.engine, "before_cursor_execute", self._record)
        self.engine.dispose()


def measure_pages(urls: dict[str, str], explain: str = "large") -> dict[str, list[dict]]:
    """Measure every page on each database of `urls` (the pages found on the first database
    are searched with the same words on the others); return the results by database."""
    sites, words = {}, {}
    for name, url in urls.items():
        sites[name] = Site(url, words)
        sites[name].pages = discover_pages(sites[name].app, sites[name].busy)
    results = {name: [] for name in sites}
    total = len(next(iter(sites.values())).pages)
    started = time.perf_counter()
    for number in range(total):
        for name, site in sites.items():
            results[name].append(measure(site, site.pages[number], explain=name == explain))
        if number % 25 == 24:
            print(f"  {number + 1} of {total} pages in {time.perf_counter() - started:.0f} s")
    retime_misses(sites, results)
    for site in sites.values():
        site.close()
    return results


def retime_misses(sites: dict[str, Site], results: dict[str, list[dict]]) -> None:
    """Time once more, on every database, each page that missed a time target: a page slowed
    for a moment (by the machine's other work) is told from a slow page. The second timing
    counts; the first is kept as `first_ms`."""
    small, large = results.values()
    again = [n for n, pair in enumerate(zip(small, large, strict=True)) if _time_missed(*pair)]
    for number in again:
        for name, site in sites.items():
            found = results[name][number]
            page, who = site.pages[number], found["who"]
            seconds, _status, size = site.get(page, who)
            found["first_ms"] = found["ms"]
            found.update(timed(site, page, who, seconds, size))
    if again:
        print(f"  {len(again)} pages that missed a time target timed again")


def _time_missed(before: dict, after: dict) -> bool:
    if "ms" not in before or "ms" not in after:
        return False
    verdicts = page_targets([before], [after])
    return any(not v["met"] and ": time" in v["target"] for v in verdicts)


def measure(site: Site, page: Page, explain: bool) -> dict:
    """Time one page (median of warm runs), count its queries and bytes, time its floor."""
    found = {"page": page.name, "endpoint": page.endpoint, "path": page.path, "who": page.who}
    if page.path is None:
        return {**found, "problem": page.problem}
    who = page.who
    seconds, status, size, statements = _counted(site, page, who)
    if status == 403 and who == "editor":
        who = found["who"] = "admin"  # a page for admins only: the admin opens it
        seconds, status, size, statements = _counted(site, page, who)
    found.update(status=status, bytes=size, family=page.family)
    if is_whole_table_download(found) and size >= 0:
        found["rows"] = max(0, site.lines - 1)
    if seconds <= SLOW_SECONDS and size >= 0:
        # Counted again: see _counted.
        statements = min(statements, _counted(site, page, who)[3], key=len)
    found["queries"] = len(statements)
    found.update(timed(site, page, who, seconds, size))
    if explain:
        found["unindexed"] = unindexed_steps(site.connection, statements, site.sizes)
    return found


def _counted(site: Site, page: Page, who: str) -> tuple[float, int, int, list]:
    """Open `page` right after the trivial page; return its seconds, status, size and the
    statements it sent.

    A session's "last used" is written at most once a minute, by whichever request comes first
    (the trivial page, opened before); when the minute ends between the two, the page writes it,
    and it is counted twice, keeping the opening with fewer statements.
    """
    site.get(_trivial(who), who)
    site.statements.clear()
    seconds, status, size = site.get(page, who)
    return seconds, status, size, list(site.statements)


def timed(site: Site, page: Page, who: str, seconds: float, size: int) -> dict:
    """The page's time (median of warm runs) and its floor's, timed right after it."""
    found = {}
    repeats = SLOW_REPEATS if seconds > SLOW_SECONDS else REPEATS
    if seconds > VERY_SLOW_SECONDS or size < 0:
        found["ms"] = round(seconds * 1000, 2)
    else:
        found["ms"] = round(median_seconds(lambda: site.get(page, who), repeats) * 1000, 2)
    if page.floor is not None:
        with site.app.test_request_context():
            floor_seconds = median_seconds(lambda: page.floor(site.connection), 1)
            if floor_seconds < SLOW_SECONDS:  # a whole table's floor: its first run
                floor_seconds = median_seconds(lambda: page.floor(site.connection))
        # Timed right after the page, by the same user: the same machine load on both.
        shell_seconds = median_seconds(lambda: site.get(_trivial(who), who))
        found["rows_floor_ms"] = round(floor_seconds * 1000, 2)
        found["shell_ms"] = round(shell_seconds * 1000, 2)
        found["floor_ms"] = round((floor_seconds + shell_seconds) * 1000, 2)
    return found


def _trivial(who: str) -> Page:
    """The trivial page, opened before a page's queries are counted: a session's "last used"
    is written at most once a minute, by whichever request comes first; that is this one, not
    the page measured."""
    return Page(name="trivial page", endpoint="", path=TRIVIAL_PATH, who=who)
