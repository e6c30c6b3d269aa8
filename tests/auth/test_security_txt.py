"""The installation says where to report a vulnerability, without a login."""

from conftest import make_app


def test_security_txt_names_the_configured_contact(database_path):
    app = make_app(database_path, SECURITY_CONTACT="it-security@city.example")
    response = app.test_client().get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "Contact: mailto:it-security@city.example" in text
    assert "Expires: " in text


def test_without_a_contact_there_is_no_security_txt(client):
    assert client.get("/.well-known/security.txt").status_code == 404
