"""The API through HTTP: tokens and roles, a partner's one partnership, versions, problems."""

import hashlib

from conftest import USERS
from helpers import bearer, make_token
from openapi_spec_validator import validate

from partnership.api.models import ApiToken, TokenScope
from partnership.audit.models import AuditEntry
from partnership.auth.models import Role, User
from partnership.extensions import db
from partnership.partners.models import Partnership
from partnership.visits.models import Visit

PROBLEM = "application/problem+json"


def test_without_a_token_or_with_a_revoked_one_the_answer_is_401_never_a_login_page(app, client):
    answer = client.get("/api/v1/cities")
    assert answer.status_code == 401 and answer.mimetype == PROBLEM
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Set-Cookie" not in answer.headers
    secret = make_token(app, Role.VIEWER, TokenScope.READ)
    read = client.get("/api/v1/cities", headers=bearer(secret))
    assert read.status_code == 200 and "Set-Cookie" not in read.headers
    with app.app_context():
        db.session.scalar(db.select(ApiToken)).revoked_at = db.func.now()
        db.session.commit()
    revoked = client.get("/api/v1/cities", headers=bearer(secret))
    assert revoked.status_code == 401 and revoked.mimetype == PROBLEM
    assert 'error="invalid_token"' in revoked.headers["WWW-Authenticate"]


def test_an_inactive_users_token_answers_401(app, client):
    secret = make_token(app, Role.EDITOR)
    with app.app_context():
        db.session.scalar(db.select(User).where(User.email == USERS[Role.EDITOR])).active = False
        db.session.commit()
    assert client.get("/api/v1/topics", headers=bearer(secret)).status_code == 401


def test_a_viewers_token_never_writes_and_a_read_token_never_writes(app, client, demo):
    viewer = bearer(make_token(app, Role.VIEWER, TokenScope.WRITE))
    refused = client.post("/api/v1/topics", headers=viewer, json={"name": "Water"})
    assert refused.status_code == 403 and refused.mimetype == PROBLEM
    reader = bearer(make_token(app, Role.EDITOR, TokenScope.READ))
    assert client.post("/api/v1/topics", headers=reader, json={"name": "Water"}).status_code == 403
    assert client.delete("/api/v1/topics/1", headers=reader).status_code == 403
    writer = bearer(make_token(app, Role.EDITOR, TokenScope.WRITE))
    created = client.post("/api/v1/topics", headers=writer, json={"name": "Water"})
    assert created.status_code == 201, created.json
    assert created.headers["Location"] == f"/api/v1/topics/{created.json['id']}"
    with app.app_context():
        refusals = db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.action == "refused", AuditEntry.status == 403)
        ).all()
        assert refusals, "a refused use of a token is in the audit log"


def test_a_partners_token_sees_only_their_partnership(app, client, demo):
    with app.app_context():
        ours, other = db.session.scalars(db.select(Partnership).order_by(Partnership.id)).all()[:2]
        partner = db.session.scalar(db.select(User).where(User.email == USERS[Role.PARTNER]))
        partner.partnership_id = ours.id
        our_id, other_id = ours.id, other.id
        our_city, other_city = ours.partner_city_id, other.partner_city_id
        db.session.commit()
    token = bearer(make_token(app, Role.PARTNER, TokenScope.WRITE))
    listed = client.get("/api/v1/partnerships", headers=token).json["items"]
    assert [p["id"] for p in listed] == [our_id]
    assert client.get(f"/api/v1/partnerships/{other_id}", headers=token).status_code == 404
    visits = client.get("/api/v1/visits?per_page=100", headers=token).json["items"]
    assert visits and {v["partner_city_id"] for v in visits} == {our_city}
    events = client.get("/api/v1/events?per_page=100", headers=token).json["items"]
    assert other_city not in {e["partner_city_id"] for e in events}
    for kind in ("contacts", "grants", "cities", "organisations"):
        assert client.get(f"/api/v1/{kind}", headers=token).status_code == 403, kind
    assert client.get("/api/v1/contacts/1", headers=token).status_code == 403
    change = client.patch(
        f"/api/v1/partnerships/{our_id}", headers={**token, "If-Match": "*"}, json={"notes": "x"}
    )
    assert change.status_code == 403


def test_etags_answer_304_412_and_428_as_the_pages_check_versions(app, client, demo):
    token = bearer(make_token(app))
    read = client.get("/api/v1/visits/2", headers=token)
    etag = read.headers["ETag"]
    assert etag == f'"{read.json["version"]}"'
    assert (
        client.get("/api/v1/visits/2", headers={**token, "If-None-Match": etag}).status_code == 304
    )
    missing = client.patch("/api/v1/visits/2", headers=token, json={"occasion": "Week"})
    assert missing.status_code == 428 and missing.mimetype == PROBLEM
    saved = client.patch(
        "/api/v1/visits/2", headers={**token, "If-Match": etag}, json={"occasion": "Week"}
    )
    assert saved.status_code == 200 and saved.json["occasion"] == "Week"
    assert saved.json["title"] == read.json["title"], "what the change leaves out stays"
    stale = client.patch(
        "/api/v1/visits/2", headers={**token, "If-Match": etag}, json={"occasion": "Other"}
    )
    assert stale.status_code == 412 and stale.mimetype == PROBLEM
    by_body = client.patch(
        "/api/v1/visits/2",
        headers=token,
        json={"occasion": "Body", "version": read.json["version"]},
    )
    assert by_body.status_code == 412
    with app.app_context():
        assert db.session.get(Visit, 2).occasion == "Week"


def test_a_validation_error_is_a_422_problem_naming_the_field(app, client, demo):
    token = bearer(make_token(app))
    refused = client.post(
        "/api/v1/visits",
        headers=token,
        json={
            "title": "x" * 301,
            "date": "not a date",
            "host_city_id": 1,
            "direction": "incoming",
            "status": "done",
            "topic_ids": "1",
        },
    )
    assert refused.status_code == 422 and refused.mimetype == PROBLEM
    problem = refused.json
    assert problem["status"] == 422 and problem["title"] and problem["type"]
    assert set(problem["errors"]) == {"topic_ids"}, "a value of the wrong shape is named first"
    refused = client.post(
        "/api/v1/visits",
        headers=token,
        json={
            "title": "x" * 301,
            "date": "not a date",
            "host_city_id": 1,
            "direction": "incoming",
            "status": "done",
        },
    )
    assert {"title", "date"} <= set(refused.json["errors"])
    made = client.post(
        "/api/v1/visits",
        headers=token,
        json={
            "title": "Visit",
            "date": "Q3 2025",
            "host_city_id": 1,
            "direction": "incoming",
            "status": "planned",
            "topic_ids": [1],
            "programme": ["Welcome", "Tour"],
        },
    )
    assert made.status_code == 201, made.json
    assert made.json["date"] == "Q3 2025" and made.json["programme"] == ["Welcome", "Tour"]


def test_errors_of_any_shape_are_problem_documents(app, client, demo):
    token = bearer(make_token(app))
    cases = [
        (client.post, "/api/v1/topics", {"data": "{", "content_type": "application/json"}, 400),
        (client.post, "/api/v1/topics", {"data": "[]", "content_type": "application/json"}, 400),
        (client.post, "/api/v1/topics", {"data": "name=x"}, 415),
        (client.post, "/api/v1/topics", {"json": {"name": "a\x00b"}}, 422),
        (client.post, "/api/v1/topics", {"json": {"nme": "Water"}}, 422),
        (client.post, "/api/v1/topics", {"json": {"name": "x" * 2_000_000}}, 413),
        (client.put, "/api/v1/topics/1", {"json": {}}, 405),
        (client.get, "/api/v1/nothing", {}, 404),
        (client.get, "/api/v1/topics/99999999999", {}, 404),
        (client.get, "/api/v1/topics?per_page=101", {}, 400),
        (client.get, "/api/v1/visits?from=whenever", {}, 400),
        (client.get, "/api/v1/topics?q=%00", {}, 400),
        (client.delete, "/api/v1/cities/1", {}, 409),
    ]
    for send, url, arguments, status in cases:
        answer = send(url, headers=token, **arguments)
        assert (answer.status_code, answer.mimetype) == (status, PROBLEM), (url, arguments.keys())


def test_lists_come_a_page_at_a_time_with_links_and_the_timelines_filters(app, client, demo):
    token = bearer(make_token(app))
    first = client.get("/api/v1/topics?per_page=2", headers=token)
    assert len(first.json["items"]) == 2 and first.json["has_next"]
    assert 'rel="next"' in first.headers["Link"]
    second = client.get("/api/v1/topics?per_page=2&page=2", headers=token).json["items"]
    ids = [t["id"] for t in first.json["items"] + second]
    assert ids == sorted(ids) and len(set(ids)) == 4
    in_2023 = client.get("/api/v1/events?from=2023&to=2023&kind=visit", headers=token).json
    assert in_2023["items"] and all(e["kind"] == "visit" for e in in_2023["items"])
    assert all(e["date_start"] <= "2023-12-31" for e in in_2023["items"])
    found = client.get("/api/v1/cities?q=Zhytomyr", headers=token).json["items"]
    assert [c["name"] for c in found] == ["Zhytomyr"]


def test_deleting_archives_the_record(app, client, demo):
    token = bearer(make_token(app))
    made = client.post("/api/v1/topics", headers=token, json={"name": "Archive me"}).json
    assert client.delete(f"/api/v1/topics/{made['id']}", headers=token).status_code == 204
    assert client.get(f"/api/v1/topics/{made['id']}", headers=token).status_code == 404


def test_tokens_are_made_on_the_account_page_shown_once_stored_hashed_and_audited(app, editor):
    page = editor.post("/account/tokens", data={"name": "City website", "scope": "write"})
    assert page.status_code == 201
    html = page.get_data(as_text=True)
    start = html.index("pt_")
    secret = html[start : html.index("<", start)]
    with app.app_context():
        token = db.session.scalar(db.select(ApiToken))
        assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in {token.prefix, token.name} and secret.startswith(token.prefix)
        assert token.scope is TokenScope.WRITE
        token_id = token.id
    assert secret not in editor.get("/account/").get_data(as_text=True), "shown only once"
    assert editor.get("/api/v1/topics", headers=bearer(secret)).status_code == 200
    assert editor.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    assert editor.get("/api/v1/topics", headers=bearer(secret)).status_code == 401
    with app.app_context():
        details = db.session.scalars(db.select(AuditEntry.detail)).all()
        assert any("API token" in d and "made" in d for d in details)
        assert any("API token" in d and "revoked" in d for d in details)


def test_a_viewer_may_make_only_read_tokens_on_the_account_page(app, viewer):
    assert 'value="write"' not in viewer.get("/account/").get_data(as_text=True)
    assert viewer.post("/account/tokens", data={"name": "x", "scope": "write"}).status_code == 422


def test_the_openapi_document_is_valid_3_1_and_public(app, client):
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    document = answer.json
    validate(document)
    assert document["openapi"].startswith("3.1")
    visit = document["components"]["schemas"]["VisitInput"]
    assert visit["properties"]["title"]["maxLength"] == 300
    assert {"title", "date", "host_city_id"} <= set(visit["required"])
    assert visit["properties"]["status"]["enum"][:2] == ["planned", "confirmed"]
    assert document["components"]["schemas"]["Visit"]["properties"]["id"]["readOnly"]
    assert "patch" in document["paths"]["/api/v1/grants/{id}"]
    assert client.get("/api/v1/docs").status_code == 200
