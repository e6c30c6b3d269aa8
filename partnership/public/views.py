"""The public pages of a partnership, its feeds and its public photos: no login, no cookie."""

import io

from flask import Blueprint, abort, current_app, request, send_file
from flask_babel import force_locale
from werkzeug.exceptions import HTTPException

from partnership.documents import services as documents
from partnership.documents.storage import StoreError
from partnership.public import answers, feeds, queries
from partnership.routing import page_number

bp = Blueprint("public", __name__, url_prefix="/public")
# What the public templates call besides the app's own helpers.
HELPERS = {"city_name": queries.city_name, "place_of": queries.place_of}


def _partnership_or_404(partnership_id: int):
    return queries.public_partnership(partnership_id) or abort(404)


@bp.get("/partnerships/<int:partnership_id>")
@answers.in_language
def partnership(partnership_id: int):
    """Show the partnership and its published events, latest first."""
    found = _partnership_or_404(partnership_id)
    page = page_number()
    events, more = queries.published_events(found, page)
    if not events and page > 1:
        abort(404)
    body = answers.render(
        "public/partnership.html",
        partnership=found,
        events=events,
        page=page,
        more=more,
        **HELPERS,
    )
    return answers.answer(body)


@bp.get("/partnerships/<int:partnership_id>/events/<int:event_id>")
@answers.in_language
def event(partnership_id: int, event_id: int):
    """Show one published event: programme, participants by country, press, photos."""
    found = _partnership_or_404(partnership_id)
    shown = queries.public_event(found, event_id) or abort(404)
    language = answers.language()
    total, by_country = queries.participants_by_country(shown)
    body = answers.render(
        "public/event.html",
        partnership=found,
        event=shown,
        programme=queries.programme_days(shown),
        participants=total,
        by_country=by_country,
        press=queries.press_links(shown),
        photos=queries.public_photos(shown),
        statements=queries.funder_statements(shown, language),
        **HELPERS,
    )
    return answers.answer(body)


@bp.get("/partnerships/<int:partnership_id>/calendar.ics")
@answers.in_language
def calendar(partnership_id: int):
    """The published events as an iCalendar feed."""
    found = _partnership_or_404(partnership_id)
    events, _more = queries.published_events(found, size=queries.FEED_SIZE)
    return answers.answer(feeds.calendar(found, events), mimetype="text/calendar")


@bp.get("/partnerships/<int:partnership_id>/feed.atom")
@answers.in_language
def feed(partnership_id: int):
    """The published events as an Atom feed."""
    found = _partnership_or_404(partnership_id)
    events, _more = queries.published_events(found, size=queries.FEED_SIZE)
    return answers.answer(feeds.atom(found, events), mimetype="application/atom+xml")


@bp.get("/partnerships/<int:partnership_id>/photos/<int:document_id>")
@bp.get(
    "/partnerships/<int:partnership_id>/photos/<int:document_id>/small",
    endpoint="photo_small",
    defaults={"small": True},
)
def photo(partnership_id: int, document_id: int, small: bool = False):
    """Send a public photo of a published event, or its small preview."""
    found = _partnership_or_404(partnership_id)
    document = queries.public_photo(found, document_id) or abort(404)
    try:
        data = documents.thumbnail_bytes(document) if small else documents.read_bytes(document)
    except StoreError as error:
        current_app.logger.error("Document %s: %s", document.id, error)
        data = None
    if data is None:
        abort(404)
    # Shown in the page, never as a download: its file name may say more than its caption.
    response = send_file(
        io.BytesIO(data),
        mimetype="image/jpeg" if small else document.content_type,
        etag=False,
        conditional=False,
    )
    tag = f"{document.sha256[:32]}{'-small' if small else ''}"
    response.set_etag(tag, weak=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response.make_conditional(request)


@bp.errorhandler(404)
@bp.errorhandler(400)
def not_found(error: HTTPException):
    """Answer unknown and unpublished addresses alike, naming nothing."""
    with force_locale(answers.language()):
        body = answers.render("public/not_found.html", code=error.code, **HELPERS)
    return answers.answer(body, status=error.code)


# Last: it marks the routes above as answers a cache may keep.
answers.make_public(bp)
