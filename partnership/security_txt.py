"""`/.well-known/security.txt` (RFC 9116): where to report a vulnerability in this installation."""

from datetime import UTC, datetime, timedelta

from flask import Blueprint, Response, abort, current_app

bp = Blueprint("security_txt", __name__)


@bp.get("/.well-known/security.txt")
def security_txt():
    """Name the installation's security contact, when the operator has configured one."""
    contact = current_app.config.get("SECURITY_CONTACT")
    if not contact:
        abort(404)
    if "@" in contact and not contact.startswith(("mailto:", "https://")):
        contact = "mailto:" + contact
    # The file must say how long it stays true; a year ahead keeps it fresh while it is served.
    expires = (datetime.now(UTC) + timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = f"Contact: {contact}\nExpires: {expires}\nPreferred-Languages: de, en\n"
    return Response(text, mimetype="text/plain")
