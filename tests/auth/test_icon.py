"""The site's icon answers without a login and without touching the session: a browser asks
for /favicon.ico beside the login itself, and an answer that wrote a session cookie could
replace the new login's."""

import re


def test_the_icon_answers_without_a_login_and_sets_no_cookie(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.get_data().startswith(b"<svg")
    assert "Set-Cookie" not in response.headers
    assert response.cache_control.max_age > 0  # asked again by every page otherwise


def test_pages_name_the_icon_and_it_answers(client):
    login = client.get("/login").get_data(as_text=True)
    icon = re.search(r'<link rel="icon" href="([^"]+)"', login).group(1)
    response = client.get(icon)
    served = response.get_data()
    response.close()  # a static file's answer holds the file open until closed
    assert response.status_code == 200
    assert served == client.get("/favicon.ico").get_data()


def test_a_logged_in_user_keeps_the_session_after_the_icon(editor):
    assert editor.get("/favicon.ico").status_code == 200
    assert editor.get("/").status_code == 200
