"""Time the timeline's CSV download, and Python's csv writer over a bare SQL cursor.

Each run is a process of its own (`python -m bench.export URL app|bare`), so its peak memory
(the largest resident size the kernel saw) belongs to that export alone.
"""

import csv
import io
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine

from bench.database import LOGIN, make_app
from partnership.config import engine_url

AGGREGATE = {
    "sqlite": "group_concat({value}, '{sep}')",
    "postgresql": "string_agg({value}, '{sep}' ORDER BY {value})",
}


def bare_sql(dialect: str) -> str:
    """Return one statement that yields every event with its city, topics and press."""

    def joined(value: str, sep: str, source: str) -> str:
        aggregate = AGGREGATE[dialect].format(value=value, sep=sep)
        return f"(SELECT {aggregate} FROM {source} WHERE x.event_id = e.id)"

    topics = "(SELECT et.event_id, t.name FROM event_topic et JOIN topic t ON t.id = et.topic_id"
    press = (
        "(SELECT ep.event_id, p.title, p.url FROM event_press_article ep "
        "JOIN press_article p ON p.id = ep.press_article_id"
    )
    return (
        "SELECT e.date_start, e.date_end, e.date_precision, e.date_tentative, e.kind, e.title, "
        "c.name, e.summary, "
        f"{joined('x.name', ', ', topics + ' ORDER BY t.name) x')}, "
        f"{joined('x.title', ' | ', press + ') x')}, {joined('x.url', ' ', press + ') x')}, "
        "e.id FROM event e LEFT JOIN city c ON c.id = e.partner_city_id "
        "WHERE e.archived_at IS NULL ORDER BY e.date_sort NULLS LAST, e.date_precision, e.id"
    )


def run_bare(url: str) -> tuple[int, float]:
    engine = create_engine(engine_url(url))
    started = time.perf_counter()
    connection = engine.raw_connection()
    cursor = connection.cursor()
    cursor.execute(bare_sql(engine.dialect.name))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    size = 0
    while rows := cursor.fetchmany(1000):
        for row in rows:
            writer.writerow(row)
            size += out.tell()
            out.seek(0)
            out.truncate()
    seconds = time.perf_counter() - started
    connection.close()
    engine.dispose()
    return size, seconds


def run_app(url: str) -> tuple[int, float]:
    """Download the CSV as a logged-in user; time the download alone, not the app's start."""
    app = make_app(url)
    client = app.test_client()
    client.post("/login", data={"email": LOGIN[0], "password": LOGIN[1]})
    started = time.perf_counter()
    response = client.get("/timeline/timeline.csv", buffered=False)
    assert response.status_code == 200, response.status_code
    size = sum(len(chunk) for chunk in response.response)
    response.close()
    return size, time.perf_counter() - started


def measure(url: str, mode: str) -> dict:
    """Run one export in a new process; return its seconds, bytes and peak memory."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.export", url, mode],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def peak_resident_mb() -> float:
    """Return the most memory this process has held; ru_maxrss would include the parent's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    url, mode = sys.argv[1:3]
    before = peak_resident_mb()
    size, seconds = run_app(url) if mode == "app" else run_bare(url)
    peak = peak_resident_mb()
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "bytes": size,
                "peak_mb": round(peak, 1),
                "growth_mb": round(peak - before, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
