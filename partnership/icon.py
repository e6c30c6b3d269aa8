"""The site's icon, also at `/favicon.ico`, where browsers ask for it without a page naming it.

Asked before anyone has logged in, that address was any unknown page: a redirect to the login
page with a message, which wrote a session cookie. A browser asks for it beside the login
itself, and when that answer came last, its cookie replaced the new login's.
"""

from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app

bp = Blueprint("icon", __name__)

ICON = "icon.svg"
WEEK = 7 * 24 * 3600


@cache
def _icon(folder: str) -> bytes:
    return (Path(folder) / ICON).read_bytes()


@bp.get("/favicon.ico")
def favicon():
    response = Response(_icon(current_app.static_folder), mimetype="image/svg+xml")
    response.cache_control.public = True
    response.cache_control.max_age = WEEK
    return response
