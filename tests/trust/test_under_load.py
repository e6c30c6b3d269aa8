"""Several people at once against a real threaded server: no server error, no lost write."""

import http.client
import re
import threading
import time
from collections import Counter
from urllib.parse import urlencode

import pytest
from conftest import PASSWORD, USERS
from sqlalchemy import select
from werkzeug.serving import WSGIRequestHandler, make_server

from partnership.auth.models import Role
from partnership.events.models import Milestone
from partnership.extensions import db

WRITERS = 4
READERS = 4
SECONDS = 5.0
# Every field the milestone form sends, as a browser would.
MILESTONE_FORM = {
    "partner_city_id": "",
    "summary": "",
    "date": "2024",
    "milestone_kind": "meeting",
    "place": "Town hall",
    "notes": "",
}


class Browser:
    """One person's connection to the server, with its session cookie; redirects not followed."""

    def __init__(self, port: int):
        self.port = port
        self.cookie = ""

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie" and value.startswith("session="):
                    self.cookie = value.split(";", 1)[0]
            return response.status, response.getheader("Location") or ""
        finally:
            connection.close()

    def log_in(self, role: Role) -> None:
        status, _ = self.request("POST", "/login", {"email": USERS[role], "password": PASSWORD})
        assert status == 302, status


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


@pytest.fixture
def server(app):
    """The app served by werkzeug's threaded server on a free port of 127.0.0.1."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    thread.join(timeout=10)
    httpd.server_close()


def test_writers_and_readers_at_once_lose_nothing(app, demo, server):
    deadline = time.monotonic() + SECONDS
    statuses: Counter = Counter()
    acknowledged: list[tuple[str, int]] = []
    failures: list[str] = []
    lock = threading.Lock()

    def note(status: int, what: str) -> None:
        with lock:
            statuses[status] += 1
            if status >= 500:
                failures.append(f"{status} {what}")

    def write(number: int) -> None:
        browser = Browser(server)
        browser.log_in(Role.EDITOR)
        count = 0
        while time.monotonic() < deadline:
            title = f"Load test meeting {number}-{count}"
            status, location = browser.request(
                "POST",
                "/milestones/new",
                {**MILESTONE_FORM, "title": title},
            )
            note(status, f"POST {title}")
            if status == 302 and (match := re.fullmatch(r"/milestones/(\d+)", location)):
                with lock:
                    acknowledged.append((title, int(match.group(1))))
            count += 1

    def read(number: int) -> None:
        browser = Browser(server)
        browser.log_in(Role.VIEWER)
        paths = ("/timeline/", "/visits/")
        count = 0
        while time.monotonic() < deadline:
            path = paths[count % 2]
            status, _ = browser.request("GET", path)
            note(status, f"GET {path}")
            count += 1

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    threads += [threading.Thread(target=read, args=(n,)) for n in range(READERS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)
    elapsed = time.monotonic() - started

    total = sum(statuses.values())
    print(f"\n{total} requests in {elapsed:.1f} s: {total / elapsed:.0f} requests/s, {statuses}")
    assert not any(thread.is_alive() for thread in threads)
    assert not failures, failures[:10]
    assert set(statuses) <= {200, 302}, statuses
    assert len(acknowledged) >= WRITERS, "the writers got hardly anything done"
    with app.app_context():
        stored = dict(db.session.execute(select(Milestone.title, Milestone.id)).all())
    lost = [(title, id_) for title, id_ in acknowledged if stored.get(title) != id_]
    assert not lost, lost[:10]
