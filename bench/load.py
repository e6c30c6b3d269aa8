"""A load run: gunicorn with several workers on PostgreSQL, users reading and writing at once.

`python -m bench.load --database-url postgresql://…` fills a database with a small office,
starts gunicorn on a free port of 127.0.0.1, and lets simulated users log in (through the
real login form, CSRF tokens included). First every user asks for a trivial page of the app
(what the server can answer at best: the framework and the session, no work of a page); then
readers read the timeline, city pages and lists while writers record milestones. The mixed
load is held against the trivial page as a ratio of requests per second, which stays
comparable from machine to machine. The server runs as in production, pages kept for a few
seconds included (partnership.pagecache); how many answers were served kept is reported.
Every loop is bounded in time and in count. Afterwards it counts the milestones in the
database: every write the server acknowledged must be there, and it profiles the mixed pages
in-process (each drawn anew) to show where their time goes.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

from sqlalchemy import create_engine, func, select

from bench.database import LOGIN, build, fresh_database
from bench.dataset import SIZES
from bench.results import save
from partnership.config import engine_url
from partnership.events.models import Milestone

WORKERS = 4
THREADS = int(os.environ.get("THREADS", "8"))
READERS, WRITERS = 6, 2
# Rounds of the trivial page then the mixed load, each as long as the other, after a warm-up
# (every worker's templates compiled, its connections open): the ratio of each round is
# measured back to back under the same machine load, and the median round's is reported.
ROUNDS = 3
SECONDS = 8
WARMUP_SECONDS = 4
# The trivial page: a logged-in request through every hook of the app and its layout, no
# page's own work: security.txt without a contact set answers the app's 404 page (as when the
# ratio before issue 16 was measured; with a contact it is a line of plain text, about 4 times
# faster again, which no page of the app can come near).
TRIVIAL_PATH = "/.well-known/security.txt"
TRIVIAL_STATUS = 404
# Mixed requests per second / trivial requests per second, as measured at commit 47342a5
# (before issue 16) on a 2-core machine with 4 workers; the target is 3 times this ratio.
BEFORE_RATIO = 0.263
RATIO_FACTOR = 3
PROFILE_ROUNDS = 5
PROFILE_LINES = 15
MAX_REQUESTS_PER_USER = 3000
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
DURABILITY_SETTINGS = ("fsync", "synchronous_commit", "full_page_writes")
PROJECT = Path(__file__).resolve().parent.parent
READ_PATHS = ("/timeline/", "/timeline/?page=5", "/cities/2", "/contacts/", "/", "/visits/")


class User:
    """One browser: its own cookies, timing every request it makes."""

    def __init__(self, base: str, log: list, lock: threading.Lock):
        self.base, self.log, self.lock = base, log, lock
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect
        )

    def request(self, path: str, form: dict | None = None) -> tuple[int, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        started, kept = time.perf_counter(), False
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as response:
                status, body = response.status, response.read().decode()
                kept = "Age" in response.headers  # served from the pages kept (pagecache)
        except urllib.error.HTTPError as error:
            status, body = error.code, ""
        except OSError as error:
            status, body = 0, str(error)
        with self.lock:
            self.log.append((time.perf_counter() - started, status, kept))
        return status, body

    def post_form(self, path: str, fields: dict) -> int:
        status, page = self.request(path)
        token = TOKEN.search(page)
        if status != 200 or not token:
            return status
        return self.request(path, {**fields, "csrf_token": token.group(1)})[0]

    def log_in(self) -> None:
        status = self.post_form("/login", {"email": LOGIN[0], "password": LOGIN[1]})
        assert status == 302, f"login answered {status}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after a form is the answer to time, not a page to follow


def read(user: User, until: float, paths: tuple[str, ...] = READ_PATHS) -> None:
    for number in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() > until:
            return
        user.request(paths[number % len(paths)])


def trivial(users: list[User], log: list, seconds: int) -> dict:
    """Let every user ask for the trivial page at once; return its figures."""
    log.clear()
    started = time.monotonic()
    threads = [
        threading.Thread(target=read, args=(u, started + seconds, (TRIVIAL_PATH,))) for u in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    figures = timings(log, time.monotonic() - started)
    log.clear()
    return figures


def timings(log: list, elapsed: float) -> dict:
    latencies = sorted(seconds for seconds, *_ in log) or [0.0]
    return {
        "seconds": round(elapsed, 1),
        "requests": len(log),
        "requests_per_second": round(len(log) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000, 1),
        "server_errors": sum(1 for _, status, _ in log if status >= 500 or status == 0),
        "statuses": dict(Counter(status for _, status, _ in log)),
        "served_kept": sum(1 for *_, kept in log if kept),
    }


def write(user: User, until: float, name: str, acknowledged: list) -> None:
    for number in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() > until:
            return
        title = f"Load {name} milestone {number}"
        fields = {"title": title, "date": "Q3 2024", "milestone_kind": "meeting"}
        if user.post_form("/milestones/new", fields) == 302:
            acknowledged.append(title)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, port: int, workers: int) -> subprocess.Popen:
    """Start gunicorn as `make serve` does (gunicorn.conf.py), with `workers` workers."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    # No security contact: the trivial page is then the app's 404 page (see TRIVIAL_PATH).
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "load-run-secret",
        "SECURITY_CONTACT": "",
        "THREADS": str(THREADS),
    }
    server = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "partnership:create_app()"],
        cwd=PROJECT,
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5).close()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def run(url: str, seconds: int = SECONDS, workers: int = WORKERS) -> dict:
    """Fill a database at `url`, serve it with gunicorn, load it; return the figures."""
    # Production password hashing: logging in is part of the load, as in real use.
    build(url, SIZES["small"], password_hash="scrypt")
    port = free_port()
    server = start_server(url, port, workers)
    log, lock, acknowledged = [], threading.Lock(), []
    rounds, mixed_log = [], []
    try:
        users = [User(f"http://127.0.0.1:{port}", log, lock) for _ in range(READERS + WRITERS)]
        for user in users:
            user.log_in()
        warm_up(users, log)
        for _ in range(ROUNDS):
            trivial_figures = trivial(users, log, seconds)
            mixed_figures = mixed(users, log, seconds, acknowledged)
            mixed_log += mixed_figures.pop("log")
            ratio = mixed_figures["requests_per_second"] / trivial_figures["requests_per_second"]
            rounds.append({"trivial_page": trivial_figures, "mixed": mixed_figures,
                           "ratio_to_trivial": round(ratio, 3)})  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    median = sorted(rounds, key=lambda r: r["ratio_to_trivial"])[len(rounds) // 2]
    figures = summarise(url, mixed_log, acknowledged, sum(r["mixed"]["seconds"] for r in rounds))
    figures["trivial_page"] = {
        "path": TRIVIAL_PATH,
        **timings_of_rounds([r["trivial_page"] for r in rounds]),
    }
    figures["ratio_to_trivial"] = median["ratio_to_trivial"]
    figures["rounds"] = rounds
    return {"workers": workers, "threads": THREADS, **figures}


def warm_up(users: list[User], log: list) -> None:
    """Every page of the load once per worker and more, unmeasured."""
    until = time.monotonic() + WARMUP_SECONDS
    paths = (*READ_PATHS, TRIVIAL_PATH)
    threads = [threading.Thread(target=read, args=(u, until, paths)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WARMUP_SECONDS + 60)
    log.clear()


def mixed(users: list[User], log: list, seconds: int, acknowledged: list) -> dict:
    """Readers read while writers write, for `seconds`; return the figures and their log."""
    log.clear()
    started = time.monotonic()
    until = started + seconds
    threads = [threading.Thread(target=read, args=(u, until)) for u in users[:READERS]]
    threads += [
        threading.Thread(target=write, args=(u, until, f"w{n}", acknowledged))
        for n, u in enumerate(users[READERS:])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    figures = {**timings(log, time.monotonic() - started), "log": list(log)}
    log.clear()
    return figures


def timings_of_rounds(rounds: list[dict]) -> dict:
    requests = sum(r["requests"] for r in rounds)
    elapsed = sum(r["seconds"] for r in rounds)
    return {
        "seconds": round(elapsed, 1),
        "requests": requests,
        "requests_per_second": round(requests / elapsed, 1),
        "p95_ms": statistics.median(r["p95_ms"] for r in rounds),
        "server_errors": sum(r["server_errors"] for r in rounds),
        "statuses": dict(sum((Counter(r["statuses"]) for r in rounds), Counter())),
    }


def summarise(url: str, log: list, acknowledged: list, elapsed: float) -> dict:
    engine = create_engine(engine_url(url))
    with engine.connect() as connection:
        titles = set(
            connection.scalars(select(Milestone.title).where(Milestone.title.like("Load %")))
        )
        milestones = connection.scalar(select(func.count()).select_from(Milestone))
        # As the server ran, so that the "no write lost" claim can be checked against them.
        durability = {
            name: connection.exec_driver_sql(f"SHOW {name}").scalar()
            for name in DURABILITY_SETTINGS
        }
    engine.dispose()
    return {
        "users": {"reading": READERS, "writing": WRITERS},
        **timings(log, elapsed),
        "writes_acknowledged": len(acknowledged),
        "writes_lost": len(set(acknowledged) - titles),
        "milestones_in_database": milestones,
        "server_durability": durability,
    }


def profile(url: str) -> str:
    """Profile the readers' pages in-process; return the top functions by own time."""
    from bench.database import make_app

    app = make_app(url)
    client = app.test_client()
    client.post("/login", data={"email": LOGIN[0], "password": LOGIN[1]})
    for path in READ_PATHS:
        client.get(path)  # warm: templates compiled, caches filled
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(PROFILE_ROUNDS):
        for path in READ_PATHS:
            client.get(path)
    profiler.disable()
    with app.app_context():
        from partnership.extensions import db

        db.engine.dispose()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(PROFILE_LINES)
    stats.sort_stats("cumulative").print_stats(PROFILE_LINES)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--seconds", type=int, default=SECONDS)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", WORKERS)))
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("the load run needs a PostgreSQL server: --database-url postgresql://…")
    url = fresh_database(args.database_url, Path("."), "bench_load")
    figures = run(url, args.seconds, args.workers)
    print("\nLoad run: gunicorn, PostgreSQL")
    for key, value in figures.items():
        if key != "rounds":
            print(f"  {key}: {value}")
    for number, found in enumerate(figures["rounds"], 1):
        print(
            f"  round {number}: trivial {found['trivial_page']['requests_per_second']} requests/s "
            f"(p95 {found['trivial_page']['p95_ms']} ms), mixed "
            f"{found['mixed']['requests_per_second']} requests/s (p95 {found['mixed']['p95_ms']} "
            f"ms, {found['mixed']['served_kept']} of {found['mixed']['requests']} served kept): "
            f"ratio {found['ratio_to_trivial']}"
        )
    errors = figures["server_errors"] + figures["trivial_page"]["server_errors"]
    ok = errors == 0 and figures["writes_lost"] == 0
    print(f"  [{'met' if ok else 'NOT MET'}] no server error, no acknowledged write lost")
    answered = set(figures["trivial_page"]["statuses"]) == {TRIVIAL_STATUS}
    print(
        f"  [{'met' if answered else 'NOT MET'}] the trivial page {TRIVIAL_PATH} answers "
        f"{TRIVIAL_STATUS} every time: {figures['trivial_page']['statuses']}"
    )
    ok = ok and answered
    ratio = figures["ratio_to_trivial"]
    if BEFORE_RATIO:
        enough = ratio >= RATIO_FACTOR * BEFORE_RATIO
        print(
            f"  [{'met' if enough else 'NOT MET'}] mixed load vs trivial page: {ratio:.3f} "
            f"({figures['requests_per_second']} vs {figures['trivial_page']['requests_per_second']}"
            f" requests/s; at least {RATIO_FACTOR}x {BEFORE_RATIO} before issue 16)"
        )
        ok = ok and enough
    durable = all(value == "on" for value in figures["server_durability"].values())
    print(
        f"  [{'met' if durable else 'NOT MET'}] measured with PostgreSQL's crash-safe defaults "
        f"({', '.join(DURABILITY_SETTINGS)} on; POSTGRES_DURABLE=1 scripts/with-postgres.sh)"
    )
    ok = ok and durable
    figures["profile"] = profile(url)
    print(f"\nWhere the mixed pages spend their time (in-process, {PROFILE_ROUNDS} rounds):")
    print(figures["profile"])
    save("load", figures)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
