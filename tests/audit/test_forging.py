"""Text from requests cannot forge audit entries, and no password or token is ever written."""

import csv
import io

from sqlalchemy import select

from partnership.audit.models import AuditAction, AuditEntry
from partnership.audit.services import request_path
from partnership.extensions import db

FORGED_LINE = "2026-12-01 09:00:00,login,Logged in,1,admin@example.org,local,10.0.0.1,/login,,"
ACCOUNT = f"mallory@example.org\r\n{FORGED_LINE}"
WRONG_PASSWORD = "Tr0ub4dor&3-not-the-password"
TOKEN = "tok-5f1c0e9a-secret"
CODE = "sso-code-7d2b-secret"


def test_an_account_name_with_line_breaks_makes_exactly_one_entry(app, client, admin, entries):
    before = len(entries())
    response = client.post("/login", data={"email": ACCOUNT, "password": WRONG_PASSWORD})
    assert response.status_code == 401
    written = entries()[before:]
    assert [e.action for e in written] == [AuditAction.LOGIN_FAILED]
    [entry] = written
    assert entry.actor == "mallory@example.org\\x0d\\x0a" + FORGED_LINE
    assert "\n" not in entry.actor and "\r" not in entry.actor

    html = admin.get("/audit/?action=login-failed").get_data(as_text=True)
    assert "mallory@example.org\\x0d\\x0a2026-12-01 09:00:00,login" in html
    assert "mallory@example.org\r\n" not in html

    with admin.get("/audit/audit.csv?action=login-failed") as download:
        text = download.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert len(rows) == 2  # the header and the one failed login
    assert rows[1][4] == entry.actor
    assert text.count("\r\n") == 2


def test_an_account_name_like_a_formula_is_neutralised_in_the_csv(client, admin):
    client.post("/login", data={"email": "=cmd|' /C calc'!A0", "password": WRONG_PASSWORD})
    with admin.get("/audit/audit.csv?action=login-failed") as download:
        rows = list(csv.reader(io.StringIO(download.get_data(as_text=True)[1:], newline="")))
    assert rows[1][4] == "'=cmd|' /C calc'!A0"


def test_a_path_with_line_breaks_stays_one_entry(viewer, entries):
    assert viewer.get("/users/?note=%0D%0Arefused,forged").status_code == 403
    [entry] = entries(AuditAction.REFUSED)
    assert "\r" not in entry.path and "\n" not in entry.path
    assert entry.path.startswith("/users/?note=")


def test_no_password_or_token_is_ever_written(app, client, admin, viewer):
    client.post(
        f"/login?token={TOKEN}&code={CODE}",
        data={"email": "admin@example.org", "password": WRONG_PASSWORD},
    )
    client.post("/login", data={"email": "nobody@example.org", "password": WRONG_PASSWORD})
    assert viewer.get(f"/users/?access_token={TOKEN}&state={CODE}").status_code == 403
    with admin.get("/audit/audit.csv") as download:
        csv_text = download.get_data(as_text=True)
    page_text = admin.get("/audit/").get_data(as_text=True)
    with app.app_context():
        rows = db.session.execute(select(AuditEntry.__table__)).all()
    stored = "\n".join(" ".join(str(value) for value in row) for row in rows)
    assert stored.count("[hidden]") == 4  # the parameters were there, their values were not
    for secret in (WRONG_PASSWORD, TOKEN, CODE):
        assert secret not in stored
        assert secret not in csv_text
        assert secret not in page_text


def test_a_secret_in_the_path_itself_is_hidden(app):
    with app.test_request_context("/timeline/feed/feed-token-secret-1234.ics?from=2024"):
        assert request_path() == "/timeline/feed/[hidden].ics?from=2024"
