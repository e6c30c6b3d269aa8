"""The audit log page: admins only, newest first, filtered by the address, paged by position."""

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import make_app
from pages.helpers import page
from sqlalchemy import event

from partnership.extensions import db

from .conftest import add_entries

PAGE_SIZE = 3


@pytest.fixture
def app(database_path):
    """The app with pages of three entries, so a few entries make several pages."""
    app = make_app(database_path, PAGE_SIZE=PAGE_SIZE)
    yield app
    with app.app_context():
        db.engine.dispose()


def shown(response) -> list[str]:
    """The test entries on a page (their detail reads entry-NN), in the order shown."""
    assert response.status_code == 200
    return re.findall(r"entry-\d\d", response.get_data(as_text=True))


def link(response, word: str) -> str | None:
    """The pager link whose address carries `word` (before, after), if any."""
    found = [href for href in page(response).links if f"{word}=" in href]
    return found[0] if found else None


@pytest.mark.parametrize("url", ["/audit/", "/audit/audit.csv"])
def test_only_admins_see_the_audit_log(admin, editor, viewer, client, url):
    assert editor.get(url).status_code == 403
    assert viewer.get(url).status_code == 403
    assert client.get(url).status_code == 302
    with admin.get(url) as response:
        assert response.status_code == 200


def test_the_admin_navigation_links_to_it(admin, editor):
    assert 'href="/audit/"' in admin.get("/").get_data(as_text=True)
    assert 'href="/audit/"' not in editor.get("/").get_data(as_text=True)


def test_entries_show_newest_first_with_every_column(app, admin):
    add_entries(
        app,
        {"detail": "entry-01", "days_ago": 3, "actor": "anna@example.org"},
        {
            "detail": "entry-02",
            "days_ago": 1,
            "action": "login",
            "actor": "anna@example.org",
            "method": "ldap",
            "address": "10.1.2.3",
            "path": "/login",
            "status": 302,
        },
        {"detail": "entry-03", "days_ago": 2, "actor": "anna@example.org"},
    )
    response = admin.get("/audit/?who=anna")
    assert shown(response) == ["entry-02", "entry-03", "entry-01"]
    html = response.get_data(as_text=True)
    assert '<th scope="col">Time (UTC)</th>' in html
    row = page(response).text
    for text in ("Logged in", "anna@example.org", "directory (LDAP)", "10.1.2.3", "302"):
        assert text in row


def test_filters_narrow_the_entries(app, admin):
    add_entries(
        app,
        {"detail": "entry-01", "action": "export", "actor": "Anna@Example.org", "days_ago": 40},
        {"detail": "entry-02", "action": "refused", "actor": "bert@example.org", "days_ago": 20},
        {"detail": "entry-03", "address": "10.1.2.3", "actor": "100%@example.org"},
        {"detail": "entry-04", "address": "192.168.10.1", "days_ago": 10},
    )
    assert shown(admin.get("/audit/?action=export")) == ["entry-01"]
    assert shown(admin.get("/audit/?who=anna@")) == ["entry-01"]
    assert shown(admin.get("/audit/?who=100%25")) == ["entry-03"]
    assert shown(admin.get("/audit/?address=10.1")) == ["entry-03"]
    assert shown(admin.get("/audit/?address=192.168.")) == ["entry-04"]
    recent = admin.get("/audit/", query_string={"from": day_ago(25), "to": day_ago(5)})
    assert shown(recent) == ["entry-04", "entry-02"]
    filters = page(admin.get("/audit/?action=export&who=anna"))
    assert filters.field("f-action").selected == ["export"]
    assert filters.field("f-who").value == "anna"


def day_ago(days: int) -> str:
    from datetime import timedelta

    from partnership.auth.sessions import utcnow

    return (utcnow() - timedelta(days=days)).date().isoformat()


def test_paging_walks_every_entry_once_and_keeps_the_filters(app, admin):
    add_entries(
        app,
        *(
            {
                "detail": f"entry-{n:02d}",
                "action": "export" if n % 3 else "logout",
                "days_ago": 30 - n,
            }
            for n in range(1, 15)
        ),
    )
    expected = [f"entry-{n:02d}" for n in range(14, 0, -1) if n % 3]
    first = admin.get("/audit/?action=export&who=")
    seen, response, pages = shown(first), first, [first]
    while (older := link(response, "before")) is not None:
        assert parse_qs(urlsplit(older).query)["action"] == ["export"]
        response = admin.get(older)
        pages.append(response)
        seen += shown(response)
    assert seen == expected
    assert len(pages) == 4
    # Back one page from the last shows the page before it; the first page has no way newer.
    newer = link(pages[-1], "after")
    assert parse_qs(urlsplit(newer).query)["action"] == ["export"]
    assert shown(admin.get(newer)) == shown(pages[-2])
    assert link(first, "after") is None


def test_a_page_never_counts_or_reads_the_whole_log(app, admin):
    add_entries(app, *({"detail": f"entry-{n:02d}", "days_ago": n} for n in range(10)))
    older = link(admin.get("/audit/?action=refused"), "before")
    statements = []
    with app.app_context():
        engine = db.engine

    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement.lower())

    event.listen(engine, "before_cursor_execute", remember)
    try:
        assert len(shown(admin.get(older))) == PAGE_SIZE
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    on_log = [s for s in statements if "from audit_entry" in s]
    assert on_log, statements
    assert all("limit" in s and "count(" not in s for s in on_log), on_log


def test_bad_filters_and_positions_are_answered_not_failed(app, admin):
    add_entries(app, {"detail": "entry-01"})
    response = admin.get("/audit/?from=2024-13-45&to=yesterday&action=nope&before=junk&after=1-x")
    assert shown(response) == ["entry-01"]
    shown_page = page(response)
    shown_page.assert_error("f-from", "YYYY-MM-DD")
    shown_page.assert_error("f-to", "YYYY-MM-DD")
    shown_page.assert_error("f-action", "no such action")


def test_the_csv_holds_the_filtered_entries_with_formulas_neutralised(app, admin):
    add_entries(
        app,
        {"detail": "entry-01", "action": "export", "actor": '=HYPERLINK("x")', "days_ago": 2},
        {
            "detail": "entry-02",
            "action": "export",
            "path": "/contacts/export.csv?q=a",
            "days_ago": 1,
        },
        {"detail": "entry-03", "action": "refused"},
    )
    with admin.get("/audit/audit.csv?action=export&who=") as response:
        assert response.mimetype == "text/csv"
        assert 'filename="audit.csv"' in response.headers["Content-Disposition"]
        text = response.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    # The download itself comes first: it is the newest export.
    assert [row["detail"] for row in rows] == [
        "audit.csv; filter: action=export&who=",
        "entry-02",
        "entry-01",
    ]
    assert rows[2]["who"] == '\'=HYPERLINK("x")'
    assert rows[1]["path"] == "/contacts/export.csv?q=a"
    assert list(rows[0]) == [
        "time (UTC)",
        "action",
        "action label",
        "user id",
        "who",
        "method",
        "address",
        "path",
        "status",
        "detail",
    ]


def test_an_action_filter_pages_newest_first(app, admin):
    add_entries(
        app,
        *({"detail": f"entry-{n:02d}", "action": "erased", "days_ago": 9 - n} for n in range(4)),
        {"detail": "entry-99", "action": "restored"},
    )
    first = admin.get("/audit/?action=erased")
    assert shown(first) == ["entry-03", "entry-02", "entry-01"]
    assert shown(admin.get(link(first, "before"))) == ["entry-00"]
