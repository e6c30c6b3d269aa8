"""How the public pages answer: the same for everyone, so any cache may keep them.

- The language is the address's `?lang=` (each language its own cacheable address), else the
  browser's Accept-Language; never the office's language cookie, which no cache can see.
- The visitor's session is neither read nor written: an office user who opens a public page
  gets the page anyone gets, and no answer carries a Set-Cookie a cache would hand on.
- Pages render from the template environment itself: the office's context (the user, the
  navigation, CSRF tokens) is not there to leak into them.
- Every answer has a weak ETag of the bytes shown (which include the language), answers a
  matching If-None-Match with 304, and may be kept for five minutes.
"""

import hashlib
from functools import wraps

from flask import Blueprint, Response, current_app, request, url_for
from flask.globals import request_ctx
from flask_babel import force_locale

from partnership import security
from partnership.i18n import DEFAULT_LANGUAGE, LANGUAGES

MAX_AGE = 300
CACHED_STATUSES = (200, 304)


def chosen_language() -> str | None:
    """The language the address names (`?lang=uk`), if it is one the pages speak."""
    chosen = request.args.get("lang", "")
    return chosen if chosen in LANGUAGES else None


def language() -> str:
    """The language of this answer: the address's choice, else the browser's best match."""
    return chosen_language() or request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def public_url(endpoint: str, **values) -> str:
    """An address on the public pages that keeps the language this one's address chose."""
    if "lang" not in values and (chosen := chosen_language()):
        values["lang"] = chosen
    return url_for(endpoint, **values)


def language_links() -> list[dict]:
    """One plain link per language to this very page: no form, no cookie."""
    current = language()
    values = {**(request.view_args or {}), **request.args.to_dict()}
    return [
        {
            "code": code,
            "name": name,
            "url": url_for(request.endpoint, **{**values, "lang": code}),
            "current": code == current,
        }
        for code, name in LANGUAGES.items()
    ]


def in_language(view):
    """Run the view in the answer's language (flask-babel keeps it per request)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        with force_locale(language()):
            return view(*args, **kwargs)

    return wrapped


def render(template: str, **context) -> str:
    """Render a public template without the office's context processors."""
    return current_app.jinja_env.get_template(template).render(
        public_url=public_url,
        language_links=language_links(),
        page_language=language(),
        **context,
    )


def answer(body: str | bytes, mimetype: str = "text/html", status: int = 200) -> Response:
    """The answer with its weak ETag; 304 when the browser or cache holds these bytes."""
    data = body.encode() if isinstance(body, str) else body
    response = Response(data, status=status, mimetype=mimetype)
    if status == 200:
        digest = hashlib.sha256(language().encode() + b"\0" + data).hexdigest()[:32]
        response.set_etag(digest, weak=True)
        response.make_conditional(request)
    response.headers["Content-Language"] = language()
    return response


def _forget_the_session() -> None:
    # A null session is never saved: no Set-Cookie, no "Vary: Cookie", nothing refreshed. Flask
    # opens the session when the request starts and saves `_session` at its end (its public
    # `session` property has no setter); nothing on these pages has read it yet.
    request_ctx._session = current_app.session_interface.make_null_session(current_app)


def _cache_headers(response: Response) -> Response:
    if response.status_code in CACHED_STATUSES:
        response.cache_control.public = True
        response.cache_control.max_age = MAX_AGE
    else:
        response.headers["Cache-Control"] = "no-store"
    response.vary.add("Accept-Language")
    return response


def make_public(bp: Blueprint) -> None:
    """Let `bp` answer anyone the same way, and caches keep its answers (see above)."""
    bp.before_request(_forget_the_session)
    bp.after_request(_cache_headers)

    @bp.record_once
    def _cacheable(state) -> None:
        # The app's security headers say no-store to every endpoint but these: they name
        # nobody and are the same for everyone (see partnership.security).
        security.CACHEABLE_ENDPOINTS.update(
            endpoint for endpoint in state.app.view_functions if endpoint.startswith(f"{bp.name}.")
        )
