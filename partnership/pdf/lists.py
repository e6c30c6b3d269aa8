"""Lists participants sign: one per event, per sending city, or per day of the event.

Each list names the event (title, dates, place), the grants that pay for it and their funders,
then the known participants with empty cells to sign, then blank rows for people who come
without being known beforehand.
"""

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from flask import abort
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding.models import Participant
from partnership.funding.participant_counts import ListRow, event_days, participants_for_lists
from partnership.i18n import current_language
from partnership.partners.models import City
from partnership.pdf.facts import event_facts, grants_of, office_name
from partnership.pdf.render import pdf_language, render_pdf

DEFAULT_BLANK_ROWS = 10
# A page and a half of empty rows is ample; more is a mistyped number, not a need.
MAX_BLANK_ROWS = 200


@dataclass(frozen=True)
class SheetToSign:
    """One list: for the whole event or one of its days."""

    day: date | None
    rows: list[ListRow]


def sending_cities(event_id: int) -> list[City]:
    """Return the cities that sent the event's participants, by name (one grouped query)."""
    ids = (
        select(Participant.sending_city_id)
        .where(Participant.event_id == event_id, Participant.sending_city_id.is_not(None))
        .distinct()
    )
    query = select(City).where(City.id.in_(ids)).order_by(func.lower(City.name), City.id)
    return list(db.session.scalars(query))


def _sheets(event: Event, sending_city_id: int | None, per_day: bool) -> list[SheetToSign]:
    days = event_days(event.date) if per_day else None
    if not days:
        return [SheetToSign(None, list(participants_for_lists(event.id, sending_city_id)))]
    return [
        SheetToSign(day, list(participants_for_lists(event.id, sending_city_id, day)))
        for day in days
    ]


def signature_lists_pdf(
    event_id: int,
    sending_city_id: int | None = None,
    per_day: bool = False,
    blank_rows: int = DEFAULT_BLANK_ROWS,
    lang: str | None = None,
) -> bytes:
    """Render the lists to sign of an event (of one sending city), one per day if `per_day`.

    When the event's days are not known (dated to a month or a year) there is one list, and
    its head says the days could not be listed.
    """
    event = db.get_or_404(Event, event_id)
    city = db.session.get(City, sending_city_id) if sending_city_id is not None else None
    if sending_city_id is not None and city is None:
        abort(404)
    language = pdf_language(lang)
    blank_rows = max(0, min(int(blank_rows), MAX_BLANK_ROWS))
    sheets = _sheets(event, sending_city_id, per_day)
    with force_locale(language):
        facts = event_facts(event)
        title = _("List of participants: %(title)s", title=facts.title)
        if city is not None:
            title = _("%(list)s, sent by %(city)s", list=title, city=city.name)
        return render_pdf(
            "pdf/lists.html",
            lang=language,
            title=title,
            author=office_name(),
            description=_("Participants of %(title)s, to sign", title=facts.title),
            event=facts,
            grants=grants_of(event.id),
            city=city,
            sheets=sheets,
            per_day=per_day,
            days_unknown=per_day and sheets[0].day is None,
            blank_rows=blank_rows,
            short_day=short_day,
        )


def short_day(day: date) -> str:
    """Write a day briefly, for the days column: '12.5.' in German, '12 May' in English."""
    language = current_language()
    return format_date(day, "d.M." if language == "de" else "d MMM", locale=language)
