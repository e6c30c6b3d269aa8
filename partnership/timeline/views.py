"""The timeline: every event of every partnership in order, with its press articles."""

import re
import secrets
from datetime import date

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from partnership.auth.models import User
from partnership.csvfile import csv_response
from partnership.extensions import db
from partnership.formatting import event_url
from partnership.timeline.calendar import build_calendar, calendar_events
from partnership.timeline.entries import timeline_sections, timeline_words
from partnership.timeline.export import CSV_HEADER, timeline_rows
from partnership.timeline.filters import TimelineFilterForm, filter_words, timeline_selects
from partnership.timeline.paging import timeline_page
from partnership.timeline.sections import year_sections

bp = Blueprint("timeline", __name__, url_prefix="/timeline")
# What secrets.token_urlsafe(24) gives, within the column's 64 characters.
FEED_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
# Every page that embeds timeline entries (home, city, partnership) lays them out with it.
bp.add_app_template_global(year_sections)
bp.add_app_template_global(timeline_sections)
bp.add_app_template_global(timeline_words)


def _filters() -> TimelineFilterForm:
    form = TimelineFilterForm(formdata=request.args)
    form.validate()
    return form


@bp.get("/")
def index():
    """Show the filtered timeline, a page at a time, grouped by year, with a today marker."""
    form = _filters()
    today = date.today()
    ids, matches = timeline_selects(form)
    pagination = timeline_page(ids, current_app.config["PAGE_SIZE"], today, matches)
    return render_template(
        "timeline/index.html",
        form=form,
        filter_words=filter_words(form),
        filters=form.active(),
        pagination=pagination,
        today=today,
        marker_at=pagination.marker_at,
        calendar_url=_calendar_url(),
    )


@bp.get("/timeline.csv")
def download_csv():
    """Download the filtered timeline as CSV."""
    form = _filters()
    delimiter = ";" if request.args.get("delimiter") in (";", "semicolon") else ","
    return csv_response("timeline.csv", CSV_HEADER, lambda: timeline_rows(form), delimiter)


@bp.get("/timeline.ics")
def download_calendar():
    """Download the filtered timeline as an iCalendar file."""
    return _calendar_response(_filters())


@bp.get("/feed/<token>.ics")
def calendar_feed(token: str):
    """Serve the calendar to a subscribing calendar program, which has no login session."""
    if not FEED_TOKEN.fullmatch(token):
        abort(404)  # not one we hand out: no need to ask the database
    user = db.session.scalars(select(User).where(User.calendar_token == token)).first()
    if user is None or not user.active or not secrets.compare_digest(user.calendar_token, token):
        abort(404)
    return _calendar_response(_filters())


def _calendar_response(form) -> Response:
    body = build_calendar(
        calendar_events(form),
        lambda e: event_url(e, _external=True),
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": 'inline; filename="timeline.ics"'},
    )


def _calendar_url() -> str:
    """Return the current user's private subscription address, creating its secret once."""
    token = current_user.calendar_token
    if not token:
        token = current_user.calendar_token = secrets.token_urlsafe(24)
        db.session.commit()
    return url_for(
        "timeline.calendar_feed",
        token=token,
        _external=True,
        **request.args.to_dict(),
    )
